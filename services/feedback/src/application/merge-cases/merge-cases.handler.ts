import { Injectable } from '@nestjs/common';
import { Sealer } from '@onedoor/backbone';
import { CaseMerged, type Caller } from '@onedoor/contracts';
import {
  DUPLICATE_THRESHOLD,
  DUPLICATE_WINDOW_DAYS,
  FeedbackError,
  FeedbackErrorCode,
  isSettled,
  nextState,
  officeOf,
  similarity,
  type CaseRecord,
} from '../../domain';
import { caseEvent } from '../case-event';
import { CaseStore } from '../ports';
import { tellSubmitter } from '../submitter-notices';

const DAY = 86_400_000;
/** How many cases of the same topic and place are compared with a case, and how many likely duplicates proposed. */
const COMPARED = 500;
const PROPOSED = 10;

const notFound = (number: string) => new FeedbackError(FeedbackErrorCode.CASE_NOT_FOUND, `No case ${number}.`);

/**
 * Duplicates and mass cases, for the Office's triage: the likely duplicates of a case (same topic and place within
 * the window, similar words: domain/similarity.ts), and merging one into a master case: the merged case is settled
 * (MERGED, naming its master), its submitter follows the master's outcome and is told of it.
 */
@Injectable()
export class MergeCasesHandler {
  constructor(
    private readonly cases: CaseStore,
    private readonly sealer: Sealer,
  ) {}

  async duplicates(caller: Caller, number: string): Promise<{ record: CaseRecord; similarity: number }[]> {
    const record = await this.cases.byNumber(number);
    if (!record || !officeOf(caller)) throw notFound(number);
    const at = record.createdAt.getTime();
    const window = { from: new Date(at - DUPLICATE_WINDOW_DAYS * DAY), to: new Date(at + DUPLICATE_WINDOW_DAYS * DAY) };
    return (await this.cases.candidates(record, window, COMPARED))
      .map((candidate) => ({ record: candidate, similarity: similarity(record.description, candidate.description) }))
      .filter((match) => match.similarity >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, PROPOSED)
      .map((match) => ({ ...match, similarity: Math.round(match.similarity * 100) / 100 }));
  }

  async merge(caller: Caller, number: string, into: string | undefined, reason?: string): Promise<CaseRecord> {
    if (!officeOf(caller)) throw notFound(number);
    if (!into) {
      throw new FeedbackError(FeedbackErrorCode.INCOMPLETE, 'merge needs the master case (into).', [
        { field: 'into', message: 'the number of the case this one joins' },
      ]);
    }
    if (into === number) {
      throw new FeedbackError(FeedbackErrorCode.INCOMPLETE, 'A case is not merged into itself.', [
        { field: 'into', message: 'another case' },
      ]);
    }
    return this.cases.transaction(async (tx) => {
      const locked = await tx.lockByNumbers([number, into]);
      const duplicate = locked.find((c) => c.number === number);
      const master = locked.find((c) => c.number === into);
      if (!duplicate) throw notFound(number);
      if (!master) {
        throw new FeedbackError(FeedbackErrorCode.INCOMPLETE, `No case ${into} to merge into.`, [
          { field: 'into', message: 'an existing case' },
        ]);
      }
      if (isSettled(master.state) || master.topic !== duplicate.topic) {
        throw new FeedbackError(
          FeedbackErrorCode.NOT_NOW,
          `${into} cannot take duplicates: ${isSettled(master.state) ? `it is ${master.state}` : 'another topic'}.`,
          [{ field: 'into', message: 'an open case of the same topic' }],
        );
      }
      const previousState = duplicate.state;
      duplicate.state = nextState(duplicate.state, 'merge', 'office');
      duplicate.mergedInto = master.number;
      duplicate.revision += 1;
      duplicate.updatedAt = new Date();
      await tx.update(duplicate);
      const note = reason?.trim() || null;
      await tx.history({
        caseId: duplicate.id,
        step: 'merge',
        fromState: previousState,
        toState: 'MERGED',
        actor: caller.sub,
        reason: note ?? `into ${master.number}`,
      });
      await tx.history({
        caseId: master.id,
        step: 'mergeIn',
        fromState: master.state,
        toState: master.state,
        actor: caller.sub,
        reason: duplicate.number,
      });
      await tx.publish(CaseMerged, {
        ...caseEvent(duplicate),
        previousState,
        ...(note && { reason: note }),
        masterCaseId: master.id,
        masterCaseNumber: master.number,
      });
      await tellSubmitter(tx, this.sealer, duplicate, 'merged', { masterCaseNumber: master.number });
      return duplicate;
    });
  }
}
