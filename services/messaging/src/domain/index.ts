export * from './message';
export * from './messaging.error';
export * from './sms-segments';
export * from './status-event';
export * from './template-text';
