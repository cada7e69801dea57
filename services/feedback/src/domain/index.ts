export * from './case-lifecycle';
export * from './feedback.error';
