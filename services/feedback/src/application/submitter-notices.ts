import type { Sealer } from '@onedoor/backbone';
import {
  SubmitterNoticeRequested,
  type PayloadOf,
  type SubmitterNotice,
  type SubmitterNoticeSecret,
} from '@onedoor/contracts';
import type { CaseRecord } from '../domain';
import type { CaseChanges } from './ports';

/**
 * Tells a case's submitter, in the step's transaction: `feedback.submitter-notice.requested` with who (the person
 * signed in, or the phone and e-mail an anonymous submitter left) and the words only they may read sealed for the
 * messaging block. A submitter who left no way to be told is not told; they follow the case by number and PIN.
 */
export async function tellSubmitter(
  tx: CaseChanges,
  sealer: Sealer,
  record: CaseRecord,
  notice: SubmitterNotice,
  words: Pick<SubmitterNoticeSecret, 'reason' | 'masterCaseNumber'> = {},
): Promise<void> {
  const told = await noticeFor(sealer, record, notice, words);
  if (told) await tx.publish(SubmitterNoticeRequested, told);
}

/** The submitter's notice as an event's payload; undefined when they left no way to be told. */
export async function noticeFor(
  sealer: Sealer,
  record: CaseRecord,
  notice: SubmitterNotice,
  words: Pick<SubmitterNoticeSecret, 'reason' | 'masterCaseNumber'> = {},
): Promise<PayloadOf<typeof SubmitterNoticeRequested> | undefined> {
  const to: SubmitterNoticeSecret | undefined = record.submitterId
    ? { personId: record.submitterId }
    : record.contact?.phone || record.contact?.email
      ? {
          ...(record.contact.phone && { phone: record.contact.phone }),
          ...(record.contact.email && { email: record.contact.email }),
        }
      : undefined;
  if (!to) return undefined;
  return {
    caseId: record.id,
    caseNumber: record.number,
    notice,
    language: record.language,
    sealed: await sealer.seal({ ...to, ...words }),
    at: new Date().toISOString(),
  };
}

/** The submitters of a master case and of every case merged into it: each is told of the outcome. */
export async function tellEverySubmitter(
  tx: CaseChanges,
  sealer: Sealer,
  master: CaseRecord,
  notice: SubmitterNotice,
): Promise<void> {
  await tellSubmitter(tx, sealer, master, notice);
  for (const merged of await tx.mergedCases(master.number)) {
    await tellSubmitter(tx, sealer, merged, notice, { masterCaseNumber: master.number });
  }
}
