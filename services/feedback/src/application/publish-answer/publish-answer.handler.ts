import { Injectable } from '@nestjs/common';
import { CaseClosed, CasePublicationWithheld, CasePublished } from '@onedoor/contracts';
import {
  FeedbackError,
  FeedbackErrorCode,
  handlesCase,
  nextState,
  officeOf,
  personalDataIn,
  type CaseRecord,
  type PersonalDataMatch,
  type PublicSummary,
} from '../../domain';
import { caseEvent } from '../case-event';
import { CaseStore } from '../ports';
import { PublishAnswer } from './publish-answer.command';

const DRAFTABLE = ['FINDING_RECORDED', 'RESPONSE_SUBMITTED', 'RESPONDED'];

/** Every piece of personal data in a summary, by the field it is in. */
export function personalDataOf(summary: PublicSummary): (PersonalDataMatch & { field: string })[] {
  return (['questionLo', 'answerLo', 'questionEn', 'answerEn'] as const).flatMap((field) =>
    personalDataIn(summary[field] ?? '').map((match) => ({ ...match, field: `summary.${field}` })),
  );
}

/**
 * Publishing is its own step: the unit drafts the public summary (question and answer), the Office reviews it and
 * publishes what it approves (the draft is kept as it was). Personal data found in the text blocks publication,
 * each match named for redaction; a case may instead be kept from publication, with the reason; then closed.
 */
@Injectable()
export class PublishAnswerHandler {
  constructor(private readonly cases: CaseStore) {}

  async execute({ caller, number, step, summary, reason }: PublishAnswer) {
    return this.cases.transaction(async (tx) => {
      const record = await tx.lockByNumber(number);
      const office = officeOf(caller);
      if (!record || (!office && !handlesCase(caller, record))) {
        throw new FeedbackError(FeedbackErrorCode.CASE_NOT_FOUND, `No case ${number}.`);
      }
      const previousState = record.state;
      if (step === 'draftSummary') {
        if (!summary) throw incomplete('summary');
        if (!DRAFTABLE.includes(record.state)) {
          throw new FeedbackError(FeedbackErrorCode.NOT_NOW, `A case that is ${record.state} takes no summary.`);
        }
        record.summary = { ...summary };
        await this.save(tx, record, caller.sub, step, previousState, null);
        return { record, personalData: personalDataOf(record.summary) };
      }
      const approved = step === 'publish' ? (summary ?? record.summary) : undefined;
      if (step === 'publish' && !approved) throw incomplete('summary');
      record.state = nextState(record.state, step, office ? 'office' : 'unit', { reason });
      if (approved) {
        const found = personalDataOf(approved);
        if (found.length) {
          throw new FeedbackError(
            FeedbackErrorCode.PERSONAL_DATA,
            'The summary carries personal data: redact it before publishing.',
            found.map((m) => ({ field: m.field, message: `${m.kind}: ${m.text}` })),
          );
        }
        record.publishedSummary = { ...approved };
        record.publishedAt = new Date();
      }
      await this.save(tx, record, caller.sub, step, previousState, reason ?? null);
      const event = caseEvent(record);
      if (step === 'publish') await tx.publish(CasePublished, { ...event, previousState, ...record.publishedSummary! });
      if (step === 'withholdPublication') {
        await tx.publish(CasePublicationWithheld, { ...event, previousState, ...(reason && { reason }) });
      }
      if (step === 'close') await tx.publish(CaseClosed, { ...event, previousState });
      return { record, personalData: [] };
    });
  }

  private async save(
    tx: Parameters<Parameters<CaseStore['transaction']>[0]>[0],
    record: CaseRecord,
    actor: string,
    step: string,
    fromState: string,
    reason: string | null,
  ) {
    record.revision += 1;
    record.updatedAt = new Date();
    await tx.update(record);
    await tx.history({ caseId: record.id, step, fromState, toState: record.state, actor, reason });
  }
}

const incomplete = (field: string) =>
  new FeedbackError(FeedbackErrorCode.INCOMPLETE, `This step needs the ${field}.`, [
    { field, message: 'required for this step' },
  ]);
