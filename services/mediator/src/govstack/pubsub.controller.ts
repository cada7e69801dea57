import { Body, Get, Headers, HttpCode, HttpStatus, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '@onedoor/auth';
import { Delete, Patch, Post, Returns, schema as s } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { eventItem } from '../application/event-item';
import { SubscriptionsHandler, type SubscriptionRequest } from '../application/subscriptions/subscriptions.handler';
import { MediatorError, MediatorErrorCode as Code } from '../domain';
import { requireGovStackClient } from './govstack-client';
import { EventParams, RoomParams, SubscriptionItemDto, TypeParams } from './pubsub.dto';
import { EVENT_ITEM, EVENT_TYPE, publisherOf, SUBSCRIPTION_ITEM, subscriptionView } from './views';

const ROOM = 'r1/:instanceId/:memberClass/:memberCode/:applicationCode';

const request = (body: SubscriptionItemDto): SubscriptionRequest => ({
  delivery: body.delivery,
  pushUrl: body.pushUrl,
  ttlSeconds: body.options?.TTL,
  replayFrom: body.replayFrom ? new Date(body.replayFrom) : undefined,
  resume: body.resume,
  subscriber: body.subscriberId as Record<string, string> | undefined,
});

const notOffered = (what: string) =>
  new MediatorError(
    Code.NOT_OFFERED,
    `${what}: OneDoor's event types are the blocks' published contracts (docs/asyncapi), and each block publishes its own events.`,
  );

/**
 * GovStack's information-mediator pub/sub API (GovStack_IM_PubSub_API.yaml) over the blocks' events: a room
 * (`{applicationCode}`) is a block, its event types are that block's contracts. Subscribers are service clients
 * signed in with the identity block's client credentials, reading only the types the platform's operators granted
 * them (`/mediator/grants`). Events are read from the same Kafka topics the blocks use, into the mediator's log.
 */
@GovStackController()
@ApiHeader({ name: 'X-GovStack-Client', required: true, example: 'LA/GOV/MOF/tax-system' })
export class PubSubController {
  constructor(private readonly subscriptions: SubscriptionsHandler) {}

  @Get(`${ROOM}/api/v1/eventType`)
  @ApiOperation({ summary: 'GovStack getEventTypeList: the types of the room you may read (204 when none)' })
  @ApiResponse({ status: 204, description: 'No type of the room is yours to read' })
  @Returns(s.array(s.string()))
  async types(
    @Param() path: RoomParams,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    const types = await this.subscriptions.types(caller, path.applicationCode);
    if (!types.length) response.status(HttpStatus.NO_CONTENT);
    return types.length ? types.map((type) => type.name) : undefined;
  }

  @Get(`${ROOM}/api/v1/eventType/:eventType`)
  @ApiOperation({ summary: 'GovStack getEventType: the JSON Schema of its events' })
  @Returns(EVENT_TYPE)
  async type(@Param() path: TypeParams, @CurrentCaller() caller: Caller, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    const type = await this.subscriptions.type(caller, path.applicationCode, path.eventType);
    return { eventType: type.name, schema: type.contract.schema };
  }

  @Post(`${ROOM}/api/v1/eventType`)
  @ApiResponse({ status: 405, description: 'Not offered, in GovStack’s systemError shape' })
  @ApiOperation({ summary: 'GovStack createEventType: not offered (405): the event types are the blocks’ contracts' })
  createType(@Param() _path: RoomParams, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    throw notOffered('createEventType');
  }

  @Delete(`${ROOM}/api/v1/eventType/:eventType`)
  @ApiResponse({ status: 405, description: 'Not offered, in GovStack’s systemError shape' })
  @ApiOperation({ summary: 'GovStack deleteEventType: not offered (405)' })
  deleteType(@Param() _path: TypeParams, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    throw notOffered('deleteEventType');
  }

  @Post(`${ROOM}/pub/v1/:eventType`)
  @ApiResponse({ status: 405, description: 'Not offered, in GovStack’s systemError shape' })
  @ApiOperation({ summary: 'GovStack publishEvent: not offered (405): the blocks publish their own events' })
  publish(@Param() _path: TypeParams, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    throw notOffered('publishEvent');
  }

  @Get(`${ROOM}/pub/v1/:eventType/:eventId`)
  @ApiOperation({ summary: 'GovStack getStatus: an event of a type you may read, by its id' })
  @Returns(EVENT_ITEM)
  async status(
    @Param() path: EventParams,
    @CurrentCaller() caller: Caller,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    const event = await this.subscriptions.event(caller, path.applicationCode, path.eventType, path.eventId);
    return eventItem(event, publisherOf(path));
  }

  @Delete(`${ROOM}/pub/v1/:eventType/:eventId`)
  @ApiResponse({ status: 405, description: 'Not offered, in GovStack’s systemError shape' })
  @ApiOperation({ summary: 'GovStack deleteEvent: not offered (405): a block’s event, once committed, is delivered' })
  deleteEvent(@Param() _path: EventParams, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    throw notOffered('deleteEvent');
  }

  @Get(`${ROOM}/api/v1/subs`)
  @ApiOperation({ summary: 'GovStack listSub: your subscriptions in the room' })
  @Returns(s.array(SUBSCRIPTION_ITEM))
  async list(@Param() path: RoomParams, @CurrentCaller() caller: Caller, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    return (await this.subscriptions.list(caller, path.applicationCode)).map((record) => subscriptionView(record));
  }

  @Post(`${ROOM}/api/v1/subs/:eventType`)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'GovStack addSub: subscribe to a type you are granted. PULL, or PUSH to `pushUrl` (signed: the answer carries `signingSecret`, once); `replayFrom` starts from a point in time',
  })
  @Returns(SUBSCRIPTION_ITEM)
  async subscribe(
    @Param() path: TypeParams,
    @Body() body: SubscriptionItemDto,
    @CurrentCaller() caller: Caller,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    const { subscription, signingSecret } = await this.subscriptions.subscribe(
      caller,
      path.applicationCode,
      path.eventType,
      request(body),
    );
    return subscriptionView(subscription, signingSecret);
  }

  @Get(`${ROOM}/api/v1/subs/:eventType`)
  @ApiOperation({ summary: 'GovStack getSub: your subscription to the type, with its delivery state' })
  @Returns(SUBSCRIPTION_ITEM)
  async get(@Param() path: TypeParams, @CurrentCaller() caller: Caller, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    return subscriptionView(await this.subscriptions.get(caller, path.applicationCode, path.eventType));
  }

  @Patch(`${ROOM}/api/v1/subs/:eventType`)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'GovStack patchSub: change delivery, address or TTL; `replayFrom` replays; `resume` restarts a paused PUSH',
  })
  @Returns(SUBSCRIPTION_ITEM, 201)
  async change(
    @Param() path: TypeParams,
    @Body() body: SubscriptionItemDto,
    @CurrentCaller() caller: Caller,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    const { subscription, signingSecret } = await this.subscriptions.change(
      caller,
      path.applicationCode,
      path.eventType,
      request(body),
    );
    return subscriptionView(subscription, signingSecret);
  }

  @Delete(`${ROOM}/api/v1/subs/:eventType`)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'GovStack deleteSub: unsubscribe' })
  async cancel(
    @Param() path: TypeParams,
    @CurrentCaller() caller: Caller,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    await this.subscriptions.cancel(caller, path.applicationCode, path.eventType);
  }

  @Get(`${ROOM}/pull/v1/:eventType`)
  @ApiOperation({
    summary: 'GovStack pullEvent: the next event not yet acknowledged (the same until it is); 404 when none',
  })
  @Returns(EVENT_ITEM)
  async pull(@Param() path: TypeParams, @CurrentCaller() caller: Caller, @Headers('x-govstack-client') from?: string) {
    requireGovStackClient(from);
    const event = await this.subscriptions.pull(caller, path.applicationCode, path.eventType);
    return eventItem(event, publisherOf(path));
  }

  @Delete(`${ROOM}/pull/v1/:eventType/:eventId`)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'GovStack confirmEvent: acknowledge the event pulled; 409 when it is not the next one' })
  async confirm(
    @Param() path: EventParams,
    @CurrentCaller() caller: Caller,
    @Headers('x-govstack-client') from?: string,
  ) {
    requireGovStackClient(from);
    await this.subscriptions.acknowledge(caller, path.applicationCode, path.eventType, path.eventId);
  }
}
