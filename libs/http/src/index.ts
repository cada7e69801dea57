export * from './problem';
export * from './problem-details.filter';
export * from './validation';
export * from './pagination';
export * from './idempotency.interceptor';
export * from './uuid-param';
export * from './input-hygiene';
export * from './block-problems';
