import { hasRole, ROLES, selfPersonId, type Caller } from '@onedoor/contracts';
import type { CaseState, CorrectiveAction, Finding } from './case-lifecycle';

export type CaseKind = 'complaint' | 'suggestion' | 'comment' | 'question' | 'compliment';
export const CASE_KINDS: readonly CaseKind[] = ['complaint', 'suggestion', 'comment', 'question', 'compliment'];
/** identified: signed in as themself; confidential: the Office knows who, the unit never; anonymous: number + PIN. */
export type IdentityMode = 'identified' | 'confidential' | 'anonymous';
export type Channel = 'web' | 'operator' | 'sms' | 'open311';

/** A hotline case: what was said, where, by whom (as far as its identity mode allows), and where it is. */
export interface CaseRecord {
  id: string;
  /** `1516-` and a checked tracking code: what the submitter keeps. */
  number: string;
  kind: CaseKind;
  topic: string;
  description: string;
  state: CaseState;
  channel: Channel;
  identity: IdentityMode;
  /** The person, for identified and confidential cases; never shown to the handling unit when confidential. */
  submitterId: string | null;
  /** An anonymous submitter's PIN, hashed (scrypt, with its salt); never the PIN itself. */
  pinHash: string | null;
  province: string | null;
  district: string | null;
  village: string | null;
  /** Where it was reported, when the channel gave it: WGS84 latitude and longitude, an address as written. */
  lat: number | null;
  long: number | null;
  address: string | null;
  /**
   * A link to a photo or file the submitter's app keeps (Open311's `media_url`): shown to those who may read the
   * case, never fetched by the block, never published (it may show people).
   */
  mediaUrl: string | null;
  /** How an anonymous submitter asked to be told of the answer; never shown to a unit, nor published. */
  contact: { phone?: string; email?: string } | null;
  /** The master case's number, once the Office merged this one into it as a duplicate. */
  mergedInto: string | null;
  /** The language an anonymous submitter is told in: Lao unless they chose English. */
  language: 'lo' | 'en';
  /** A caller's consent, recorded by the 1516 operator, to be contacted at the phone they called from. */
  consent: boolean | null;
  ministry: string | null;
  unit: string | null;
  /** The unit's finding, its explanation (unfounded) and corrective actions (founded, partly founded). */
  finding: Finding | null;
  explanation: string | null;
  actions: CorrectiveAction[];
  /** The public summary the unit drafted (kept as it was), and the one the Office approved and published. */
  summary: PublicSummary | null;
  publishedSummary: PublicSummary | null;
  publishedAt: Date | null;
  /** When the Office accepted the response (the answer): reopen and appeal windows count from it. */
  respondedAt: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What the government's website shows of an answered case: question and answer, in Lao (English where given). */
export interface PublicSummary {
  questionLo: string;
  answerLo: string;
  questionEn?: string;
  answerEn?: string;
}

/** The Office sees every case; a unit's officers the cases assigned to their unit (and ministry, when claimed). */
export function officeOf(caller: Caller): boolean {
  return hasRole(caller, ROLES.feedbackOffice);
}

export function handlesCase(caller: Caller, record: Pick<CaseRecord, 'unit' | 'ministry'>): boolean {
  return (
    hasRole(caller, ROLES.feedbackHandler) &&
    !!caller.unit &&
    record.unit === caller.unit &&
    (!caller.ministry || !record.ministry || caller.ministry === record.ministry)
  );
}

/** The submitter signed in as themself (identified and confidential cases). */
export const isSubmitter = (caller: Caller | undefined, record: Pick<CaseRecord, 'submitterId'>) =>
  !!caller && !!record.submitterId && selfPersonId(caller) === record.submitterId;

/** Whether the caller may see who submitted the case: the Office, and the submitter; a unit only when identified. */
export const seesSubmitter = (caller: Caller, record: Pick<CaseRecord, 'identity' | 'submitterId'>) =>
  officeOf(caller) || isSubmitter(caller, record) || record.identity === 'identified';

/** A published answer's words as the public search compares them: NFC, lower case, every field in one text. */
export const answerWords = (summary: PublicSummary) =>
  [summary.questionLo, summary.answerLo, summary.questionEn ?? '', summary.answerEn ?? '']
    .join(' ')
    .normalize('NFC')
    .toLowerCase();
