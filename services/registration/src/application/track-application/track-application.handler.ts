import { Injectable } from '@nestjs/common';
import { normaliseTrackingCode, RegistrationError, RegistrationErrorCode } from '../../domain';
import { TrackApplication } from './track-application.command';
import { ApplicationReads, TrackingAttempts } from '../ports';

/** Failed look-ups allowed per client address, and per code, in each window. */
const MAX_FAILURES = 10;
const WINDOW_MINUTES = 15;

/**
 * An application's status, history, office and expected date, for whoever holds its tracking code and the last
 * four digits of its phone. Wrong guesses are counted per client address and per code in the database (so every
 * replica counts them); past the limit, TOO_MANY_ATTEMPTS until the window ends.
 */
@Injectable()
export class TrackApplicationHandler {
  constructor(
    private readonly reads: ApplicationReads,
    private readonly attempts: TrackingAttempts,
  ) {}

  async execute({ code: typed, phone, clientAddress }: TrackApplication) {
    const code = normaliseTrackingCode(typed ?? '');
    if (!code) {
      throw new RegistrationError(
        RegistrationErrorCode.BAD_TRACKING_CODE,
        'That is not a tracking code: check each character (the last one is a check).',
        [{ field: 'code', message: 'such as K7Q4-M9XH-5' }],
      );
    }
    if (!phone || !/^\d{4}$/.test(phone)) {
      throw new RegistrationError(
        RegistrationErrorCode.VALIDATION_FAILED,
        'phone: the last four digits of the phone given with the application',
        [{ field: 'phone', message: 'four digits' }],
      );
    }
    const keys = [`ip:${clientAddress}`, `code:${code}`];
    if (await this.attempts.blocked(keys, MAX_FAILURES, WINDOW_MINUTES)) {
      throw new RegistrationError(
        RegistrationErrorCode.TOO_MANY_ATTEMPTS,
        `Too many wrong attempts: try again in ${WINDOW_MINUTES} minutes.`,
      );
    }
    const application = await this.reads.byTrackingCode(code);
    if (!application || application.status === 'DRAFT' || application.phoneLast4 !== phone) {
      await this.attempts.failed(keys, WINDOW_MINUTES);
      throw new RegistrationError(
        RegistrationErrorCode.TRACKED_APPLICATION_NOT_FOUND,
        'No application with that code and phone.',
      );
    }
    const [service, history] = await Promise.all([
      this.reads.service(application.serviceId),
      this.reads.trackingHistory(application.id),
    ]);
    return {
      trackingCode: application.trackingCode,
      service: service ? service.name : undefined,
      status: application.status,
      reason: application.statusReason ?? undefined,
      office: application.unit ?? undefined,
      submittedAt: application.submittedAt ?? undefined,
      expectedBy: application.expectedBy ?? undefined,
      decidedAt: application.decidedAt ?? undefined,
      fee: { due: application.feeDue, paid: application.feePaidAt !== null },
      history: history.map((h) => ({ at: h.at, action: h.action, status: h.status, office: h.unit ?? undefined })),
    };
  }
}
