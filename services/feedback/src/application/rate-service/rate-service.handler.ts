import { Injectable } from '@nestjs/common';
import { RatingGiven, selfPersonId } from '@onedoor/contracts';
import { FeedbackError, FeedbackErrorCode } from '../../domain';
import { RatingStore } from '../ports';
import { RateService } from './rate-service.command';

/** A score at or under this offers the applicant to open a complaint in one step. */
export const LOW_SCORE = 2;

/**
 * The applicant rates the service once the application reached a final state, once per application. A low score
 * answers with the offer of a complaint (the hotline's topic for one-door services), prefilled.
 */
@Injectable()
export class RateServiceHandler {
  constructor(private readonly ratings: RatingStore) {}

  async execute({ caller, applicationId, score, comment }: RateService) {
    const decision = await this.ratings.decision(applicationId);
    if (!decision || decision.applicantId !== selfPersonId(caller)) {
      throw new FeedbackError(
        FeedbackErrorCode.NOT_RATEABLE,
        `No decided application ${applicationId} of yours: a service is rated once its application is decided.`,
      );
    }
    const rated = await this.ratings.rate({ applicationId, score, comment: comment?.normalize('NFC') ?? null }, () => ({
      contract: RatingGiven,
      payload: {
        applicationId,
        serviceCode: decision.serviceCode,
        ministry: decision.ministry,
        ...(decision.unit && { unit: decision.unit }),
        score,
        at: new Date().toISOString(),
      },
    }));
    if (!rated) throw new FeedbackError(FeedbackErrorCode.ALREADY_RATED, `Application ${applicationId} was rated.`);
    return {
      applicationId,
      score,
      ...(score <= LOW_SCORE && {
        complaint: { kind: 'complaint', topic: 'one-door-services', description: comment ?? '' },
      }),
    };
  }
}
