import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ROLES, type Caller } from '@onedoor/contracts';
import {
  MediatorError,
  MediatorErrorCode as Code,
  OFFERED_EVENT_TYPES,
  offeredType,
  pushAddressAllowed,
  type Delivery,
  type LoggedEvent,
  type OfferedEventType,
  type SubscriptionRecord,
} from '../../domain';
import { EventLog, Grants, Subscriptions } from '../ports';

/** GovStack's default time to live of an event for a subscription: an hour. */
export const DEFAULT_TTL_SECONDS = 3_600;

export interface SubscriptionRequest {
  delivery?: Delivery;
  pushUrl?: string;
  ttlSeconds?: number;
  /** Deliver again every event received since this time (kept for the retention period). */
  replayFrom?: Date;
  /** A paused PUSH subscription starts again. */
  resume?: boolean;
  subscriber?: Record<string, string>;
}

/** The client a caller is: a service client's id, else the subject. */
export const clientOf = (caller: Caller): string => caller.clientId ?? caller.sub;

const typeNotFound = (room: string, name: string) =>
  new MediatorError(Code.EVENT_TYPE_NOT_FOUND, `No event type ${name} in ${room} for you.`);
const subscriptionNotFound = (name: string) =>
  new MediatorError(Code.SUBSCRIPTION_NOT_FOUND, `You do not subscribe to ${name}.`);

/**
 * The event gateway's subscriber side (GovStack's information-mediator pub/sub): the event types a client is
 * granted, its subscriptions with PUSH or PULL delivery, pulling the next event and acknowledging it, replaying
 * from a point in time. A client sees only its own subscriptions and only the types it is granted: another
 * type answers as an unknown one.
 */
@Injectable()
export class SubscriptionsHandler {
  constructor(
    private readonly log: EventLog,
    private readonly subscriptions: Subscriptions,
    private readonly grants: Grants,
  ) {}

  /** The types of a room the caller may read (a platform operator: all of them). */
  async types(caller: Caller, room: string): Promise<OfferedEventType[]> {
    const inRoom = OFFERED_EVENT_TYPES.filter((type) => type.room === room);
    if (caller.roles.includes(ROLES.platformOperator)) return inRoom;
    const granted = new Set(
      (await this.grants.list(clientOf(caller))).filter((g) => g.room === room).map((g) => g.eventType),
    );
    return granted.has('*') ? inRoom : inRoom.filter((type) => granted.has(type.name));
  }

  /** One type the caller may read; unknown and not granted answer alike. */
  async type(caller: Caller, room: string, name: string): Promise<OfferedEventType> {
    const offered = offeredType(room, name);
    const allowed =
      !!offered &&
      (caller.roles.includes(ROLES.platformOperator) || (await this.grants.allows(clientOf(caller), room, name)));
    if (!offered || !allowed) throw typeNotFound(room, name);
    return offered;
  }

  /** Subscribes the caller (a type it is granted); PUSH answers the signing secret, once. */
  async subscribe(caller: Caller, room: string, name: string, request: SubscriptionRequest) {
    await this.granted(caller, room, name);
    const delivery = request.delivery ?? 'PUSH';
    this.checkPush(delivery, request.pushUrl);
    const pushSecret = delivery === 'PUSH' ? randomBytes(32).toString('base64url') : null;
    const created = await this.subscriptions.create({
      clientId: clientOf(caller),
      subscriber: request.subscriber ?? { applicationCode: clientOf(caller) },
      room,
      eventType: name,
      delivery,
      pushUrl: delivery === 'PUSH' ? request.pushUrl! : null,
      pushSecret,
      ttlSeconds: request.ttlSeconds ?? DEFAULT_TTL_SECONDS,
      cursor: request.replayFrom ? await this.log.sequenceBefore(request.replayFrom) : await this.log.last(),
    });
    if (!created) throw new MediatorError(Code.SUBSCRIPTION_EXISTS, `You already subscribe to ${name}.`);
    return { subscription: created, ...(pushSecret && { signingSecret: pushSecret }) };
  }

  async list(caller: Caller, room: string): Promise<SubscriptionRecord[]> {
    return this.subscriptions.of(clientOf(caller), room);
  }

  async get(caller: Caller, room: string, name: string): Promise<SubscriptionRecord> {
    const [found] = await this.subscriptions.of(clientOf(caller), room, name);
    if (!found) throw subscriptionNotFound(name);
    return found;
  }

  /** Changes delivery, address or TTL; replays from a time; resumes a paused PUSH subscription. */
  async change(caller: Caller, room: string, name: string, request: SubscriptionRequest) {
    const current = await this.get(caller, room, name);
    const delivery = request.delivery ?? current.delivery;
    const pushUrl = request.pushUrl ?? (delivery === 'PUSH' ? (current.pushUrl ?? undefined) : undefined);
    this.checkPush(delivery, pushUrl);
    const newSecret = delivery === 'PUSH' && current.delivery !== 'PUSH' ? randomBytes(32).toString('base64url') : null;
    const subscription = await this.subscriptions.update(current.id, {
      delivery,
      pushUrl: delivery === 'PUSH' ? pushUrl! : null,
      ...(newSecret && { pushSecret: newSecret }),
      ...(request.ttlSeconds !== undefined && { ttlSeconds: request.ttlSeconds }),
      ...(request.replayFrom && { cursor: await this.log.sequenceBefore(request.replayFrom) }),
      ...((request.resume || request.replayFrom) && { resume: true }),
    });
    return { subscription, ...(newSecret && { signingSecret: newSecret }) };
  }

  async cancel(caller: Caller, room: string, name: string): Promise<void> {
    await this.subscriptions.remove((await this.get(caller, room, name)).id);
  }

  /** The next event of a PULL subscription not yet acknowledged (the same one until it is). */
  async pull(caller: Caller, room: string, name: string): Promise<LoggedEvent> {
    const subscription = await this.pullable(caller, room, name);
    const next = await this.log.next(room, name, subscription.cursor, this.notBefore(subscription));
    if (!next) throw new MediatorError(Code.EVENT_NOT_FOUND, `No ${name} event waiting.`);
    return next;
  }

  /** Acknowledges the event `pull` gave: the next pull gives the one after. Acknowledging it again is harmless. */
  async acknowledge(caller: Caller, room: string, name: string, eventId: string): Promise<void> {
    const subscription = await this.pullable(caller, room, name);
    // The common case in one statement: the event is the next one, and the cursor moves onto it.
    if (await this.subscriptions.acknowledgeNext(subscription.id, eventId, this.notBefore(subscription))) return;
    const event = await this.log.byId(eventId);
    if (!event || event.room !== room || event.eventType !== name) {
      throw new MediatorError(Code.EVENT_NOT_FOUND, `No ${name} event ${eventId}.`);
    }
    // Acknowledged before (a retry): harmless. Otherwise it is not the next one.
    const [current] = await this.subscriptions.of(clientOf(caller), room, name);
    if (current && BigInt(event.sequence) <= BigInt(current.cursor)) return;
    throw new MediatorError(Code.NOT_NOW, `${eventId} is not the next ${name} event: pull it first.`);
  }

  /** An event by id, to a client granted its type (the publisher's status query). */
  async event(caller: Caller, room: string, name: string, eventId: string): Promise<LoggedEvent> {
    await this.type(caller, room, name);
    const event = await this.log.byId(eventId);
    if (!event || event.room !== room || event.eventType !== name) {
      throw new MediatorError(Code.EVENT_NOT_FOUND, `No ${name} event ${eventId}.`);
    }
    return event;
  }

  private async granted(caller: Caller, room: string, name: string) {
    const offered = offeredType(room, name);
    if (!offered || !(await this.grants.allows(clientOf(caller), room, name))) throw typeNotFound(room, name);
  }

  private async pullable(caller: Caller, room: string, name: string): Promise<SubscriptionRecord> {
    await this.granted(caller, room, name);
    const subscription = await this.get(caller, room, name);
    if (subscription.delivery !== 'PULL') {
      throw new MediatorError(Code.NOT_NOW, `Your ${name} subscription is PUSH: its events are sent to you.`);
    }
    return subscription;
  }

  private notBefore(subscription: Pick<SubscriptionRecord, 'ttlSeconds'>): Date {
    return new Date(Date.now() - subscription.ttlSeconds * 1000);
  }

  private checkPush(delivery: Delivery, pushUrl: string | undefined) {
    if (delivery === 'PUSH' && !(pushUrl && pushAddressAllowed(pushUrl))) {
      throw new MediatorError(Code.VALIDATION_FAILED, 'pushUrl: PUSH needs an https address to send events to', [
        { field: 'pushUrl', message: 'an https URL (http only to this machine)' },
      ]);
    }
  }
}
