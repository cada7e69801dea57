import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@onedoor/auth';
import { Returns } from '@onedoor/http';
import { TrackApplication } from '../application/track-application/track-application.command';
import { TrackApplicationHandler } from '../application/track-application/track-application.handler';
import { TRACKING } from './schemas';

/** Following an application without a login: the tracking code and the last four digits of the phone. */
@ApiTags('tracking')
@Controller('tracking')
export class TrackingController {
  constructor(private readonly tracking: TrackApplicationHandler) {}

  @Public()
  @Get(':code')
  @Returns(TRACKING)
  @ApiOperation({
    summary:
      'Status, history, office and expected date of an application: its tracking code and `?phone=` last four digits',
  })
  track(@Param('code') code: string, @Query('phone') phone: string | undefined, @Req() request: Request) {
    return this.tracking.execute(
      TrackApplication.create({
        code: code ?? '',
        phone: typeof phone === 'string' ? phone : undefined,
        clientAddress: request.ip ?? 'unknown',
      }),
    );
  }
}
