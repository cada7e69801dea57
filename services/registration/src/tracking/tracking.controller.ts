import { Controller, Get, HttpStatus, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@onedoor/auth';
import { ProblemException } from '@onedoor/http';
import { normaliseTrackingCode } from '../applications/tracking-code';
import { Application, ApplicationHistory, PublicService } from '../registration.entities';

/** Failed look-ups allowed per client address, and per code, in each window. */
const MAX_FAILURES = 10;
const WINDOW_MINUTES = 15;

/**
 * Following an application without a login: the tracking code and the last four digits of the phone the
 * citizen gave. Wrong guesses are counted per client address and per code in the database (so every replica
 * counts them); past the limit, 429 until the window ends.
 */
@ApiTags('tracking')
@Controller('tracking')
export class TrackingController {
  constructor(private readonly dataSource: DataSource) {}

  private async blocked(keys: string[]): Promise<boolean> {
    const rows: { failures: number }[] = await this.dataSource.query(
      `SELECT failures FROM registration.tracking_attempts
        WHERE key = ANY($1) AND window_start > now() - make_interval(mins => ${WINDOW_MINUTES}) AND failures >= ${MAX_FAILURES}`,
      [keys],
    );
    return rows.length > 0;
  }

  private async failed(keys: string[]) {
    await this.dataSource.query(
      `INSERT INTO registration.tracking_attempts (key, window_start, failures) SELECT unnest($1::text[]), now(), 1
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN tracking_attempts.window_start > now() - make_interval(mins => ${WINDOW_MINUTES}) THEN tracking_attempts.failures + 1 ELSE 1 END,
           window_start = CASE WHEN tracking_attempts.window_start > now() - make_interval(mins => ${WINDOW_MINUTES}) THEN tracking_attempts.window_start ELSE now() END`,
      [keys],
    );
  }

  @Public()
  @Get(':code')
  @ApiOperation({
    summary:
      'Status, history, office and expected date of an application: its tracking code and `?phone=` last four digits',
  })
  async track(@Param('code') typed: string, @Query('phone') phone: string | undefined, @Req() request: Request) {
    const code = normaliseTrackingCode(typed ?? '');
    if (!code) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'REGISTRATION.BAD_TRACKING_CODE',
        'That is not a tracking code: check each character (the last one is a check).',
        [{ field: 'code', message: 'such as K7Q4-M9XH-5' }],
      );
    }
    if (!phone || !/^\d{4}$/.test(phone)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'phone: the last four digits of the phone given with the application',
        [{ field: 'phone', message: 'four digits' }],
      );
    }
    const keys = [`ip:${request.ip ?? 'unknown'}`, `code:${code}`];
    if (await this.blocked(keys)) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'REGISTRATION.TOO_MANY_ATTEMPTS',
        `Too many wrong attempts: try again in ${WINDOW_MINUTES} minutes.`,
      );
    }
    const application = await this.dataSource.getRepository(Application).findOneBy({ trackingCode: code });
    if (!application || application.status === 'DRAFT' || application.phoneLast4 !== phone) {
      await this.failed(keys);
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'REGISTRATION.NOT_FOUND',
        'No application with that code and phone.',
      );
    }
    const [service, history] = await Promise.all([
      this.dataSource.getRepository(PublicService).findOneBy({ id: application.serviceId }),
      this.dataSource
        .getRepository(ApplicationHistory)
        .find({ where: { applicationId: application.id }, order: { id: 'ASC' }, take: 200 }),
    ]);
    return {
      trackingCode: application.trackingCode,
      service: service ? service.name : undefined,
      status: application.status,
      office: application.unit ?? undefined,
      submittedAt: application.submittedAt ?? undefined,
      expectedBy: application.expectedBy ?? undefined,
      decidedAt: application.decidedAt ?? undefined,
      fee: { due: application.feeDue, paid: application.feePaidAt !== null },
      history: history.map((h) => ({ at: h.at, action: h.action, status: h.status, office: h.unit ?? undefined })),
    };
  }
}
