export * from './event-contract';
export * from './envelope';
export * from './catalogue';
export * from './platform/probe.events';
