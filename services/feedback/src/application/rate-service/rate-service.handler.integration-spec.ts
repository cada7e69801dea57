import { randomUUID } from 'node:crypto';
import { RatingGiven, type ApplicationStatusChangedPayload } from '@onedoor/contracts';
import { FeedbackErrorCode as Code } from '../../domain';
import { citizen, feedbackTestBed, refusal } from '../../../test/use-case-harness';
import { RememberDecisionHandler } from '../remember-decision/remember-decision.handler';
import { RateService } from './rate-service.command';
import { RateServiceHandler } from './rate-service.handler';

const bed = feedbackTestBed((uc) => ({
  decisions: new RememberDecisionHandler(uc.ratings),
  rating: new RateServiceHandler(uc.ratings),
}));

/** Registration says an application's status changed. */
const statusChanged = (applicantId: string, status: string, applicationId = randomUUID()) =>
  bed.uc
    .inTransaction((tx) =>
      bed.decisions.execute(
        {
          applicationId,
          trackingCode: 'K7Q4-M9XH-5',
          serviceCode: 'business-licence',
          serviceVersion: 1,
          applicantId,
          ministry: 'MOIC',
          status,
          previousStatus: 'PENDING',
          unit: 'MOIC-VTE-D01',
          at: new Date().toISOString(),
        } as ApplicationStatusChangedPayload,
        tx,
      ),
    )
    .then(() => applicationId);

describe('rating a one-door service', () => {
  it('its applicant rates a decided application once; a low score offers a complaint in one step', async () => {
    const me = citizen();
    const approved = await statusChanged(me.sub, 'APPROVED');
    const rate = (caller = me, applicationId = approved, score = 4) =>
      bed.rating.execute(RateService.create({ caller, applicationId, score, comment: 'ໄວ ແລະ ສຸພາບ' }));
    expect(await rate()).toEqual({ applicationId: approved, score: 4 });
    await refusal(rate(), Code.ALREADY_RATED);
    const [given] = await bed.uc.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM feedback.outbox WHERE event_type = $1`,
      [RatingGiven.type],
    );
    expect(given.payload).toMatchObject({ applicationId: approved, score: 4, ministry: 'MOIC', unit: 'MOIC-VTE-D01' });
    expect(given.payload).not.toHaveProperty('comment');

    const rejected = await statusChanged(me.sub, 'REJECTED');
    expect(await rate(me, rejected, 1)).toMatchObject({
      score: 1,
      complaint: { kind: 'complaint', topic: 'one-door-services', description: 'ໄວ ແລະ ສຸພາບ' },
    });
  });

  it('nobody rates an application still in progress, or someone else’s', async () => {
    const me = citizen();
    const pending = await statusChanged(me.sub, 'SENDBACK');
    await refusal(
      bed.rating.execute(RateService.create({ caller: me, applicationId: pending, score: 3 })),
      Code.NOT_RATEABLE,
    );
    const approved = await statusChanged(me.sub, 'APPROVED');
    await refusal(
      bed.rating.execute(RateService.create({ caller: citizen(), applicationId: approved, score: 5 })),
      Code.NOT_RATEABLE,
    );
    await refusal(
      bed.rating.execute(RateService.create({ caller: me, applicationId: randomUUID(), score: 5 })),
      Code.NOT_RATEABLE,
    );
    expect(() => RateService.create({ caller: me, applicationId: approved, score: 6 })).toThrow();
  });
});
