import { Inject, Injectable } from '@nestjs/common';
import { hasRole, ROLES, selfPersonId, type Caller } from '@onedoor/contracts';
import {
  FeedbackError,
  FeedbackErrorCode,
  handlesCase,
  isSubmitter,
  officeOf,
  isCaseStep,
  seesSubmitter,
  timelineFor,
  type CaseRecord,
} from '../../domain';
import { FEEDBACK_CONFIG, type FeedbackConfig } from '../../feedback.config';
import { pinOpens } from '../pin-guard';
import { Attachments, CaseStore, PinAttempts, type Page } from '../ports';

const notFound = (number: string) => new FeedbackError(FeedbackErrorCode.CASE_NOT_FOUND, `No case ${number}.`);

/** A case as its reader may see it: the Office all, a unit its own cases, a submitter theirs (signed in or by PIN). */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly cases: CaseStore,
    private readonly attempts: PinAttempts,
    private readonly files: Attachments,
    @Inject(FEEDBACK_CONFIG) private readonly config: Pick<FeedbackConfig, 'pinKey'>,
  ) {}

  /** One case by number: signed in (the Office, its unit, its submitter), or anonymously with its PIN. */
  async get(caller: Caller | undefined, number: string, pin?: string, clientAddress?: string) {
    const record = await this.cases.byNumber(number.toUpperCase());
    // A wrong PIN answers as an unknown number does, and counts towards the throttle.
    const byPin =
      !!pin &&
      (await pinOpens(this.attempts, this.config.pinKey, { number: number.toUpperCase(), pin, clientAddress }, record));
    const officer = !!record && !!caller && (officeOf(caller) || handlesCase(caller, record));
    const allowed = !!record && (byPin || officer || (!!caller && isSubmitter(caller, record)));
    if (!record || !allowed) throw notFound(number);
    // One timeline across the blocks: whole for the officers who may see the case, reduced for its submitter.
    const history = timelineFor(await this.cases.historyOf(record.id), officer ? 'officer' : 'submitter');
    // A merged case's submitter follows the master's outcome; the Office sees which cases a master took in.
    const master = record.mergedInto ? await this.cases.byNumber(record.mergedInto) : null;
    const merged = caller && officeOf(caller) ? await this.cases.mergedInto(record.number) : undefined;
    const attachments = await this.files.of(record.id);
    return {
      record,
      history,
      attachments,
      showSubmitter: !!caller && seesSubmitter(caller, record),
      ...(master && { master }),
      ...(merged?.length && { merged }),
    };
  }

  /**
   * The Office's queue (every case, by state), a unit's (the cases assigned to it), or a person's own: the cases they
   * submitted signed in (identified or confidential; an anonymous case is followed by its number and PIN only).
   */
  async list(caller: Caller, states: string[] | undefined, page: Page): Promise<[CaseRecord[], number]> {
    if (officeOf(caller)) return this.cases.list({ states }, page);
    if (hasRole(caller, ROLES.feedbackHandler)) {
      if (!caller.unit)
        throw new FeedbackError(FeedbackErrorCode.FORBIDDEN, 'Your sign-in carries no unit: cases belong to a unit.');
      return this.cases.list({ states, unit: caller.unit, ministry: caller.ministry }, page);
    }
    const self = selfPersonId(caller);
    if (!self)
      throw new FeedbackError(
        FeedbackErrorCode.FORBIDDEN,
        'Cases are listed to the Office, to the unit handling them, and to the person who submitted them.',
      );
    return this.cases.list({ states, submitterId: self }, page);
  }

  /** Published answers, for the government's website: only what the Office approved, no one's identity. */
  answers(filter: Parameters<CaseStore['answers']>[0], page: Page) {
    return this.cases.answers(filter, page);
  }

  topics() {
    return this.cases.topics();
  }

  /** Open311's requests: by number (any case), else published ones by topic, state and dates. */
  requests(filter: Parameters<CaseStore['requests']>[0], page: Page): Promise<CaseRecord[]> {
    return this.cases.requests(filter, page);
  }

  /** A case's public status by its number (Open311's request by id: its steps' states, no one's words). */
  async publicStatus(number: string) {
    const record = await this.cases.byNumber(number);
    if (!record) throw notFound(number);
    const history = await this.cases.historyOf(record.id);
    return { record, history: history.filter((entry) => isCaseStep(entry.step)) };
  }

  /** The case an Open311 token stands for (its id). */
  async byToken(token: string): Promise<CaseRecord> {
    const record = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)
      ? await this.cases.byId(token.toLowerCase())
      : null;
    if (!record) throw new FeedbackError(FeedbackErrorCode.CASE_NOT_FOUND, `No token ${token}.`);
    return record;
  }
}
