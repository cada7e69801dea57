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
      'The block can take traffic: its database answers and its outbox is within its lag limit. A broker outage ' +
      'alone keeps it ready (events wait in the outbox), shown as `broker: down` and status `degraded`',
  })
  @Returns(
    schema.object({
      status: schema.enum('up', 'degraded'),
      checks: schema.object({
        database: schema.enum('up', 'down'),
        broker: schema.enum('up', 'down'),
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
    description: 'problem+json `PLATFORM.NOT_READY` with the checks: database down or outbox lagging',
  })
  async ready(@Res() response: Response) {
    const readiness = await this.backbone.readiness();
    const checks = {
      database: readiness.database ? 'up' : 'down',
      broker: readiness.broker ? 'up' : 'down',
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
          detail: 'The database of this block is down, or its outbox lags past OUTBOX_MAX_LAG_SECONDS.',
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
