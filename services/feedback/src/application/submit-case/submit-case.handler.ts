import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Sealer } from '@onedoor/backbone';
import { newTrackingCode } from '@onedoor/application';
import { CaseReceived, selfPersonId, SubmitterNoticeRequested, type PayloadOf } from '@onedoor/contracts';
import { FeedbackError, FeedbackErrorCode, newPin, type CaseRecord } from '../../domain';
import { caseEvent } from '../case-event';
import { FEEDBACK_CONFIG, type FeedbackConfig } from '../../feedback.config';
import { CaseStore, ReferenceData, SubmissionCounts, type NewCase } from '../ports';
import { noticeFor } from '../submitter-notices';
import { SubmitCase } from './submit-case.command';

/**
 * A case reaches the hotline: checked (its topic in the taxonomy; its province, district and village registered by
 * the identity block, each within the one above), written with its first history entry and `case.received` in one
 * statement. An anonymous submitter gets a PIN, shown once; an identified or confidential one is the citizen
 * signed in. One source (a client address, a phone, a person, an Open311 key) submits at most
 * FEEDBACK_SUBMISSIONS_PER_HOUR cases an hour (every attempt counts, a refused one too).
 */
@Injectable()
export class SubmitCaseHandler {
  constructor(
    private readonly cases: CaseStore,
    private readonly reference: ReferenceData,
    private readonly counts: SubmissionCounts,
    @Inject(FEEDBACK_CONFIG) private readonly config: Pick<FeedbackConfig, 'submissionsPerHour' | 'pinKey'>,
    private readonly sealer: Sealer,
  ) {}

  /**
   * `inboundSms`: the SMS the case came from, remembered with it; undefined when that SMS came before (a
   * redelivery: no second case).
   */
  async execute(command: SubmitCase): Promise<{ record: CaseRecord; pin?: string }>;
  async execute(command: SubmitCase, inboundSms: string): Promise<{ record: CaseRecord; pin?: string } | undefined>;
  async execute(command: SubmitCase, inboundSms?: string): Promise<{ record: CaseRecord; pin?: string } | undefined> {
    const submitterId = command.caller ? selfPersonId(command.caller) : undefined;
    if (command.identity !== 'anonymous' && !submitterId) {
      throw new FeedbackError(
        FeedbackErrorCode.SIGN_IN_REQUIRED,
        `A ${command.identity} case is submitted signed in as yourself; without signing in, submit it anonymously.`,
      );
    }
    const sources = sourceKeys(command, submitterId);
    if (sources.length && !(await this.counts.attempt(sources, this.config.submissionsPerHour, 60))) {
      throw new FeedbackError(
        FeedbackErrorCode.TOO_MANY_SUBMISSIONS,
        `At most ${this.config.submissionsPerHour} cases an hour from one source: try again later, or call 1516.`,
      );
    }
    const [topic, placeErrors] = await Promise.all([
      this.reference.topic(command.topic),
      this.reference.placeErrors(command),
    ]);
    const topicErrors = topic ? [] : [{ field: 'topic', message: 'not a topic of the taxonomy' }];
    if (topicErrors.length || placeErrors.length) {
      const errors = [...topicErrors, ...placeErrors];
      throw new FeedbackError(
        topicErrors.length ? FeedbackErrorCode.UNKNOWN_TOPIC : FeedbackErrorCode.UNKNOWN_PLACE,
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
    const pin = command.identity === 'anonymous' ? newPin(this.config.pinKey) : undefined;
    const now = new Date();
    const record: CaseRecord = {
      id: randomUUID(),
      number: '',
      kind: command.kind,
      topic: command.topic,
      description: command.description.normalize('NFC'),
      state: 'RECEIVED',
      channel: command.channel,
      identity: command.identity,
      // Anonymous means the case names no one, even when its submitter happened to be signed in.
      submitterId: command.identity === 'anonymous' ? null : (submitterId ?? null),
      pinHash: pin?.hash ?? null,
      province: command.province ?? null,
      district: command.district ?? null,
      village: command.village ?? null,
      lat: command.lat ?? null,
      long: command.long ?? null,
      address: command.address ?? null,
      mediaUrl: command.mediaUrl ?? null,
      contact:
        command.contactPhone || command.contactEmail
          ? {
              ...(command.contactPhone && { phone: command.contactPhone }),
              ...(command.contactEmail && { email: command.contactEmail }),
            }
          : null,
      mergedInto: null,
      language: command.language ?? 'lo',
      consent: command.consent ?? null,
      ministry: null,
      unit: null,
      finding: null,
      explanation: null,
      actions: [],
      summary: null,
      publishedSummary: null,
      publishedAt: null,
      respondedAt: null,
      revision: 0,
      createdAt: now,
      updatedAt: now,
    };
    // The case, its first history entry, `case.received` and the submitter's notice: one statement. A number is
    // drawn again in the rare case it is taken.
    const written = await this.cases.insertNew(async (): Promise<NewCase> => {
      record.number = `1516-${newTrackingCode()}`;
      const notice = command.tellOnReceipt !== false && (await noticeFor(this.sealer, record, 'received'));
      return {
        record,
        history: { step: 'receive', fromState: null, toState: 'RECEIVED', actor: 'submitter', reason: null },
        events: [
          {
            contract: CaseReceived,
            payload: {
              ...caseEvent(record),
              identity: record.identity,
              ...(record.identity === 'identified' && { submitterId: record.submitterId! }),
            } satisfies PayloadOf<typeof CaseReceived>,
          },
          ...(notice ? [{ contract: SubmitterNoticeRequested, payload: notice }] : []),
        ],
      };
    }, inboundSms);
    return written && { record, ...(pin && { pin: pin.pin }) };
  }
}

/** The keys a submission is counted under: its client address, the person signed in, its phone, its Open311 key. */
function sourceKeys(command: SubmitCase, submitterId: string | undefined): string[] {
  const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);
  return [
    ...(command.clientAddress ? [`ip:${command.clientAddress}`] : []),
    ...(submitterId ? [`person:${submitterId}`] : []),
    ...(command.sourcePhone ? [`phone:${digest(command.sourcePhone)}`] : []),
    ...(command.sourceKey ? [`key:${digest(command.sourceKey)}`] : []),
  ];
}
