import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EventBackbone } from '@onedoor/backbone';
import { Public } from '@onedoor/auth';
import { PROBLEM_CONTENT_TYPE, Returns, schema } from '@onedoor/http';
import type { Registry } from '@onedoor/observability';
import { METRICS_REGISTRY } from './block-definition';

@ApiTags('operations')
@Public()
@Controller()
export class OperationsController {
  constructor(
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  @Get('health/live')
  @ApiOperation({ summary: 'The process is up' })
  @Returns(schema.object({ status: schema.enum('up') }))
  live() {
    return { status: 'up' };
  }

  @Get('health/ready')
  @ApiOperation({
    summary:
      'The block can take traffic: its database answers, its outbox is within its lag limit and its consumer has ' +
      'joined its group since it started. A broker outage alone keeps it ready (events wait in the outbox), ' +
      'shown as `broker: down` and status `degraded`',
  })
  @Returns(
    schema.object({
      status: schema.enum('up', 'degraded'),
      checks: schema.object({
        database: schema.enum('up', 'down'),
        broker: schema.enum('up', 'down'),
        consumer: schema.enum('none', 'joined', 'starting'),
        outbox: {
          anyOf: [schema.object({ pending: schema.integer, oldestAgeSeconds: schema.number }), schema.enum('unknown')],
        },
      }),
    }),
    200,
    'Ready; degraded: the broker is down (events wait in the outbox)',
  )
  @ApiResponse({
    status: 503,
    description:
      'problem+json `PLATFORM.NOT_READY` with the checks: database down, outbox lagging, consumer not yet in its ' +
      'group, or the block still starting (waiting for its database)',
  })
  async ready(@Res() response: Response) {
    const readiness = await this.backbone.readiness();
    const checks = {
      database: readiness.database ? 'up' : 'down',
      broker: readiness.broker ? 'up' : 'down',
      consumer: readiness.consumer,
      outbox: readiness.outbox ?? 'unknown',
    };
    if (readiness.ready) {
      response.status(HttpStatus.OK).json({ status: readiness.broker ? 'up' : 'degraded', checks });
      return;
    }
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: 'https://onedoor.gov.la/problems/platform-not-ready',
          title: 'Not ready',
          status: 503,
          code: 'PLATFORM.NOT_READY',
          detail: !readiness.database
            ? 'The database of this block is down.'
            : readiness.consumer === 'starting'
              ? 'The block has not yet joined its consumer group (the event broker is away, or the group is waiting for a member that stopped).'
              : 'The outbox of this block lags past OUTBOX_MAX_LAG_SECONDS.',
          checks,
        }),
      );
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'The Prometheus text exposition format', schema: { type: 'string' } })
  async metrics(@Res() response: Response) {
    response.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
