import { randomUUID } from 'node:crypto';
import type { Caller } from '@onedoor/contracts';
import { testBed, useCaseDatabase } from '@onedoor/testing';
import { CasesRepository } from '../src/persistence/cases.repository';
import { PinAttemptsRepository } from '../src/persistence/pin-attempts.repository';
import { RatingsRepository } from '../src/persistence/ratings.repository';
import { FEEDBACK_ENTITIES } from '../src/persistence/feedback.entities';
import { FEEDBACK_MIGRATIONS } from '../src/persistence/migrations';

export { refusal } from '@onedoor/testing';

/** The feedback block's repositories on a scratch database of their own (see useCaseDatabase). */
export async function feedbackUseCases() {
  const uc = await useCaseDatabase('feedback', { entities: FEEDBACK_ENTITIES, migrations: FEEDBACK_MIGRATIONS });
  return {
    ...uc,
    cases: new CasesRepository(uc.dataSource, uc.backbone),
    ratings: new RatingsRepository(uc.dataSource, uc.backbone),
    pinAttempts: new PinAttemptsRepository(uc.dataSource),
  };
}

export type FeedbackUseCases = Awaited<ReturnType<typeof feedbackUseCases>>;

export const citizen = (sub: string = randomUUID()): Caller => ({ sub, roles: ['citizen'] });
export const office: Caller = { sub: 'pmo-hotline-noy', roles: ['feedback.office'] };
export const handler = (unit: string, ministry: string): Caller => ({
  sub: `handler-${unit}`,
  roles: ['feedback.handler'],
  ministry,
  unit,
});

/** A test file's feedback use cases (see testBed). */
export const feedbackTestBed = <T extends object>(make: (uc: FeedbackUseCases) => Promise<T> | T) =>
  testBed(feedbackUseCases, make);
