import { randomBytes, randomUUID } from 'node:crypto';
import { newSealingKeyPair, Sealer, Unsealer } from '@onedoor/backbone';
import type { Caller } from '@onedoor/contracts';
import { testBed, useCaseDatabase } from '@onedoor/testing';
import { MemoryDocumentStorage } from '@onedoor/persistence';
import { AttachmentsRepository } from '../src/persistence/attachments.repository';
import { CasesRepository } from '../src/persistence/cases.repository';
import { PinAttemptsRepository } from '../src/persistence/pin-attempts.repository';
import { RatingsRepository } from '../src/persistence/ratings.repository';
import { ReferenceDataRepository, SubmissionCountsRepository } from '../src/persistence/reference-data.repository';
import { ReportsRepository } from '../src/persistence/reports.repository';
import { FEEDBACK_ENTITIES } from '../src/persistence/feedback.entities';
import { FEEDBACK_MIGRATIONS } from '../src/persistence/migrations';

export { refusal } from '@onedoor/testing';

/** The feedback block's repositories on a scratch database of their own (see useCaseDatabase). */
export async function feedbackUseCases() {
  const uc = await useCaseDatabase('feedback', { entities: FEEDBACK_ENTITIES, migrations: FEEDBACK_MIGRATIONS });
  const reference = new ReferenceDataRepository(uc.dataSource);
  // The messaging block's sealing key pair: the handlers seal with its public half, tests open with the private.
  const keys = newSealingKeyPair();
  // The places and offices the identity block would have announced (its events, as the consumer keeps them).
  await uc.dataSource.transaction(async (tx) => {
    for (const [code, level, parentCode] of PLACES) await reference.rememberPlace(tx, { code, level, parentCode });
    for (const [code, kind, parentCode] of OFFICES) await reference.rememberOffice(tx, { code, kind, parentCode });
  });
  return {
    ...uc,
    cases: new CasesRepository(uc.dataSource, uc.backbone),
    ratings: new RatingsRepository(uc.dataSource, uc.backbone),
    pinAttempts: new PinAttemptsRepository(uc.dataSource),
    reference,
    attachments: new AttachmentsRepository(uc.dataSource),
    attachmentStorage: new MemoryDocumentStorage(),
    reports: new ReportsRepository(uc.dataSource),
    submissionCounts: new SubmissionCountsRepository(uc.dataSource),
    config: { submissionsPerHour: 1_000, pinKey: randomBytes(32) },
    sealer: await Sealer.forKey(keys.publicKey),
    unsealer: await Unsealer.forKey(keys.privateKey),
  };
}

const PLACES: [string, 'province' | 'district' | 'village', string | null][] = [
  ['01', 'province', null],
  ['06', 'province', null],
  ['13', 'province', null],
  ['0101', 'district', '01'],
  ['0102', 'district', '01'],
  ['0601', 'district', '06'],
  ['0101001', 'village', '0101'],
];
const OFFICES: [string, 'ministry' | 'department', string | null][] = [
  ['MPWT', 'ministry', null],
  ['MOIC', 'ministry', null],
  ['MOH', 'ministry', null],
  ['MPWT-VTE', 'department', 'MPWT'],
  ['MPWT-LPB', 'department', 'MPWT'],
  ['MOIC-VTE-D01', 'department', 'MOIC'],
  ['MOH-VTE', 'department', 'MOH'],
];

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
