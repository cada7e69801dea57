export * from './block-error';
export * from './command';
export * from './calendar-date';
export * from './tracking-code';
export * from './webhook-signature';
export * from './media-type';
export * from './document-storage';
export * from './polling-loops';
