export * from './application';
export * from './form-rules';
export * from './registration.error';
export * from './service';
export * from './tracking-code';
export * from './certificate';
