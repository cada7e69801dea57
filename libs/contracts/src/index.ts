export * from './event-contract';
export * from './envelope';
export * from './catalogue';
export * from './platform/probe.events';
export * from './identity/person.events';
export * from './identity/civil-servant.events';
export * from './identity/one-time-code.events';
export * from './identity/credential.events';
