export * from './block-error';
export * from './command';
