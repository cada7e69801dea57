export * from './case-lifecycle';
export * from './feedback.error';
export * from './case';
export * from './pin';
export * from './personal-data';
export * from './similarity';
export * from './case-status';
export * from './sms-grammar';
