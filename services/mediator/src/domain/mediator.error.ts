import { BlockError } from '@onedoor/application';

/** Every refusal of the information mediator. */
export enum MediatorErrorCode {
  VALIDATION_FAILED = 'PLATFORM.VALIDATION_FAILED',
  FORBIDDEN = 'PLATFORM.FORBIDDEN',
  /** No such event type in the room, or the caller is not granted it. */
  EVENT_TYPE_NOT_FOUND = 'MEDIATOR.EVENT_TYPE_NOT_FOUND',
  /** No subscription of the caller to this event type. */
  SUBSCRIPTION_NOT_FOUND = 'MEDIATOR.SUBSCRIPTION_NOT_FOUND',
  /** The caller already subscribes to this event type. */
  SUBSCRIPTION_EXISTS = 'MEDIATOR.SUBSCRIPTION_EXISTS',
  /** No event of this id (for the caller), or none waiting. */
  EVENT_NOT_FOUND = 'MEDIATOR.EVENT_NOT_FOUND',
  /** Pulling from a PUSH subscription, or acknowledging an event that is not the next one. */
  NOT_NOW = 'MEDIATOR.NOT_NOW',
  /** Event types are the blocks' contracts, and the blocks publish their own events: not through the mediator. */
  NOT_OFFERED = 'MEDIATOR.NOT_OFFERED',
  /** No service of this code (or no such provider) in the directory. */
  SERVICE_NOT_FOUND = 'MEDIATOR.SERVICE_NOT_FOUND',
  /** A block's API document could not be read just now: try again. */
  DIRECTORY_UNAVAILABLE = 'MEDIATOR.DIRECTORY_UNAVAILABLE',
}

export class MediatorError extends BlockError<MediatorErrorCode> {}
