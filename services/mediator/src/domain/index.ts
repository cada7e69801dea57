export * from './delivery';
export * from './event-types';
export * from './mediator.error';
