import { Injectable } from '@nestjs/common';
import { MediatorError, MediatorErrorCode as Code, offeredType, ROOMS } from '../../domain';
import { Grants } from '../ports';

/**
 * Which client may read which event types, kept by the platform's operators: a type of a room, or every type of it
 * (`*`). Revoking stops PULL at once and pauses PUSH; the client's subscriptions stay, to resume if granted again.
 */
@Injectable()
export class GrantsHandler {
  constructor(private readonly grants: Grants) {}

  list(clientId?: string) {
    return this.grants.list(clientId);
  }

  async grant(clientId: string, room: string, eventType: string, grantedBy: string) {
    this.check(room, eventType);
    await this.grants.grant(clientId, room, eventType, grantedBy);
    return { clientId, room, eventType, grantedBy };
  }

  async revoke(clientId: string, room: string, eventType: string) {
    if (!(await this.grants.revoke(clientId, room, eventType))) {
      throw new MediatorError(Code.EVENT_TYPE_NOT_FOUND, `${clientId} holds no grant of ${room}/${eventType}.`);
    }
  }

  private check(room: string, eventType: string) {
    if (!ROOMS.includes(room) || (eventType !== '*' && !offeredType(room, eventType))) {
      throw new MediatorError(Code.EVENT_TYPE_NOT_FOUND, `No event type ${eventType} in ${room}.`, [
        { field: 'eventType', message: `one of the types of ${room}, or *` },
      ]);
    }
  }
}
