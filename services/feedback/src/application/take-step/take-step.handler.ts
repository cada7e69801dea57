import { Injectable } from '@nestjs/common';
import { CaseAssigned, CaseRejected, CaseTriaged } from '@onedoor/contracts';
import { FeedbackError, FeedbackErrorCode, nextState, officeOf, type CaseRecord } from '../../domain';
import { caseEvent } from '../case-event';
import { CaseStore } from '../ports';
import { TakeStep } from './take-step.command';

const EVENTS = { triage: CaseTriaged, assign: CaseAssigned, reject: CaseRejected } as const;

/**
 * A step on a case, checked by the case's rules (domain/case-lifecycle.ts), written with its history entry and its
 * event in one transaction, under the case's lock. The Office's intake steps: triage, assign, reject.
 */
@Injectable()
export class TakeStepHandler {
  constructor(private readonly cases: CaseStore) {}

  async execute({ caller, number, step, reason, unit, ministry }: TakeStep): Promise<CaseRecord> {
    if (!officeOf(caller)) {
      throw new FeedbackError(FeedbackErrorCode.FORBIDDEN, "The Office's hotline team triages and routes cases.");
    }
    if (step === 'assign' && (!unit || !ministry)) {
      throw new FeedbackError(FeedbackErrorCode.INCOMPLETE, 'assign needs the unit and its ministry.', [
        ...(unit ? [] : [{ field: 'unit', message: 'required to assign' }]),
        ...(ministry ? [] : [{ field: 'ministry', message: 'required to assign' }]),
      ]);
    }
    if (step === 'assign' && unit !== ministry && !unit!.startsWith(`${ministry}-`)) {
      throw new FeedbackError(FeedbackErrorCode.INCOMPLETE, `${unit} is not an office of ${ministry}.`, [
        { field: 'unit', message: `an office of ${ministry}` },
      ]);
    }
    return this.cases.transaction(async (tx) => {
      const record = await tx.lockByNumber(number);
      if (!record) throw new FeedbackError(FeedbackErrorCode.CASE_NOT_FOUND, `No case ${number}.`);
      const previousState = record.state;
      record.state = nextState(record.state, step, 'office', { reason });
      if (step === 'assign') Object.assign(record, { unit, ministry });
      record.revision += 1;
      record.updatedAt = new Date();
      await tx.update(record);
      await tx.history({
        caseId: record.id,
        step,
        fromState: previousState,
        toState: record.state,
        actor: caller.sub,
        reason: reason ?? null,
      });
      await tx.publish(EVENTS[step], { ...caseEvent(record), previousState, ...(reason && { reason }) });
      return record;
    });
  }
}
