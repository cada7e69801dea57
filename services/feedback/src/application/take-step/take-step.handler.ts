import { Inject, Injectable } from '@nestjs/common';
import { Sealer } from '@onedoor/backbone';
import {
  CaseAppealDecided,
  CaseAppealed,
  CaseAssigned,
  CaseFindingRecorded,
  CaseHandedBack,
  CaseInformationProvided,
  CaseInformationRequested,
  CaseRejected,
  CaseReopened,
  CaseResponded,
  CaseResponseReturned,
  CaseResponseSubmitted,
  CaseTriaged,
  type EventContract,
} from '@onedoor/contracts';
import {
  FeedbackError,
  FeedbackErrorCode,
  handlesCase,
  isSubmitter,
  nextState,
  officeOf,
  STEPS,
  type Actor,
  type CaseRecord,
} from '../../domain';
import { caseEvent } from '../case-event';
import { FEEDBACK_CONFIG, type FeedbackConfig } from '../../feedback.config';
import { pinOpens } from '../pin-guard';
import { CaseStore, PinAttempts, ReferenceData } from '../ports';
import { tellEverySubmitter, tellSubmitter } from '../submitter-notices';
import { TakeStep, type TakenStep } from './take-step.command';

const EVENTS: Partial<Record<TakenStep, EventContract>> = {
  triage: CaseTriaged,
  assign: CaseAssigned,
  reject: CaseRejected,
  handBack: CaseHandedBack,
  requestInformation: CaseInformationRequested,
  provideInformation: CaseInformationProvided,
  recordFinding: CaseFindingRecorded,
  submitResponse: CaseResponseSubmitted,
  returnResponse: CaseResponseReturned,
  acceptResponse: CaseResponded,
  reopen: CaseReopened,
  appeal: CaseAppealed,
  upholdFinding: CaseAppealDecided,
  sendBackOnAppeal: CaseAppealDecided,
};

/**
 * Who the caller is for this case: the Office, the unit handling it, its submitter (signed in, or by the PIN checked
 * before the transaction: `pinOpened`), or no one.
 */
function actorFor(command: TakeStep, record: CaseRecord, pinOpened: boolean): Actor | undefined {
  const { caller } = command;
  if (caller && officeOf(caller)) return 'office';
  if (caller && handlesCase(caller, record)) return 'unit';
  if ((caller && isSubmitter(caller, record)) || pinOpened) return 'submitter';
  return undefined;
}

/**
 * A step on a case, checked by the case's rules (domain/case-lifecycle.ts), written with its history entry and its
 * event in one transaction, under the case's lock. A caller who may not see the case is told it does not exist.
 */
@Injectable()
export class TakeStepHandler {
  constructor(
    private readonly cases: CaseStore,
    private readonly attempts: PinAttempts,
    private readonly reference: ReferenceData,
    private readonly sealer: Sealer,
    @Inject(FEEDBACK_CONFIG) private readonly config: Pick<FeedbackConfig, 'pinKey'>,
  ) {}

  async execute(command: TakeStep): Promise<CaseRecord> {
    const { step, reason, unit, ministry } = command;
    if (step === 'assign') await this.assertUnitOfMinistry(unit, ministry);
    // The PIN is checked (and a wrong one counted) outside the case's transaction, which a refusal rolls back.
    const pinOpened =
      !!command.pin &&
      (await pinOpens(
        this.attempts,
        this.config.pinKey,
        { number: command.number, pin: command.pin, clientAddress: command.clientAddress },
        await this.cases.byNumber(command.number),
      ));
    return this.cases.transaction(async (tx) => {
      const record = await tx.lockByNumber(command.number);
      const actor = record && actorFor(command, record, pinOpened);
      if (!record || !actor) throw new FeedbackError(FeedbackErrorCode.CASE_NOT_FOUND, `No case ${command.number}.`);
      const previousState = record.state;
      // A response reports the finding recorded, with the actions as they are now (their evidence, their completion).
      const actions = command.actions ?? record.actions;
      const finding = step === 'recordFinding' ? command.finding : (record.finding ?? undefined);
      record.state = nextState(record.state, step, actor, {
        reason,
        finding,
        explanation: command.explanation,
        actions,
        respondedAt: record.respondedAt ?? undefined,
      });
      if (step === 'assign') Object.assign(record, { unit, ministry });
      if (step === 'handBack') Object.assign(record, { unit: null, ministry: null });
      if (step === 'recordFinding') {
        Object.assign(record, { finding, explanation: command.explanation ?? null, actions });
      }
      if (step === 'submitResponse') record.actions = actions;
      if (step === 'acceptResponse') record.respondedAt = new Date();
      record.revision += 1;
      record.updatedAt = new Date();
      await tx.update(record);
      const note = reason ?? (step === 'recordFinding' ? (command.explanation ?? finding) : undefined);
      await tx.history({
        caseId: record.id,
        step,
        fromState: previousState,
        toState: record.state,
        actor: actor === 'submitter' ? 'submitter' : command.caller!.sub,
        reason: note ?? null,
      });
      const event = EVENTS[step];
      if (event) await tx.publish(event, { ...caseEvent(record), previousState, ...(reason && { reason }) } as never);
      // The submitter is told when asked for more, when rejected, and when answered (with those merged into it).
      if (step === 'requestInformation' || step === 'reject') {
        await tellSubmitter(tx, this.sealer, record, step === 'reject' ? 'rejected' : 'information-requested', {
          reason,
        });
      }
      if (step === 'acceptResponse') await tellEverySubmitter(tx, this.sealer, record, 'answered');
      return record;
    });
  }

  /** A case goes to a registered office of a registered ministry (or to the ministry itself). */
  private async assertUnitOfMinistry(unit: string | undefined, ministry: string | undefined): Promise<void> {
    if (!unit || !ministry) {
      throw new FeedbackError(FeedbackErrorCode.INCOMPLETE, 'assign needs the unit and its ministry.', [
        ...(unit ? [] : [{ field: 'unit', message: 'required to assign' }]),
        ...(ministry ? [] : [{ field: 'ministry', message: 'required to assign' }]),
      ]);
    }
    const errors = await this.reference.officeErrors(unit, ministry);
    if (errors.length) {
      throw new FeedbackError(
        FeedbackErrorCode.UNKNOWN_UNIT,
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
  }
}

/** Which actor takes a step (for the API's documentation of who may). */
export const actorOfStep = (step: TakenStep): Actor => STEPS[step].by;
