import { FeedbackError, FeedbackErrorCode } from './feedback.error';

/**
 * A hotline case's life, as the Prime Minister's Office runs the 1516 hotline: received → triaged → assigned to a
 * ministry's or province's unit → verified (the unit may ask the submitter for more: the clock pauses) → a finding
 * (unfounded, with the explanation; founded or partly founded, with corrective actions, each with evidence and
 * completion) → the response submitted → the Office's review (accepted, or returned with a reason) → responded
 * (the submitter is told) → published, or not for publication with a reason → closed. Triage may reject or merge;
 * a unit may hand a case back as not its competence; a submitter may reopen (not fixed: back to the same unit) or
 * appeal (disagrees with the finding: the Office reviews it), each within its window. What each step needs and
 * allows is decided here and nowhere else.
 */
export type CaseState =
  | 'RECEIVED'
  | 'TRIAGED'
  | 'ASSIGNED'
  | 'VERIFYING'
  | 'AWAITING_INFORMATION'
  | 'FINDING_RECORDED'
  | 'RESPONSE_SUBMITTED'
  | 'RESPONDED'
  | 'PUBLISHED'
  | 'NOT_PUBLISHED'
  | 'UNDER_APPEAL'
  | 'CLOSED'
  | 'REJECTED'
  | 'MERGED';

/** Who takes a step: the Prime Minister's Office (triage, review, publication), the handling unit, the submitter. */
export type Actor = 'office' | 'unit' | 'submitter';

export type Finding = 'UNFOUNDED' | 'FOUNDED' | 'PARTLY_FOUNDED';

export interface CorrectiveAction {
  description: string;
  /** What shows it was done (a document's id, a reference). */
  evidence?: string;
  completedAt?: string;
}

/** The stages with a deadline, in working days on the holiday calendar; warnings before a breach, escalation after. */
export const STAGE_DEADLINES = {
  triage: 2,
  verification: 15,
  review: 5,
  appeal: 10,
} as const;
export type Stage = keyof typeof STAGE_DEADLINES;

/** The stage whose clock runs in a state (none while the submitter is asked for information, or once answered). */
export function stageOf(state: CaseState): Stage | undefined {
  switch (state) {
    case 'RECEIVED':
    case 'TRIAGED':
      return 'triage';
    case 'ASSIGNED':
    case 'VERIFYING':
    case 'FINDING_RECORDED':
      return 'verification';
    case 'RESPONSE_SUBMITTED':
    case 'RESPONDED':
      return 'review';
    case 'UNDER_APPEAL':
      return 'appeal';
    default:
      return undefined;
  }
}

/** After a response, how long the submitter may reopen (not fixed) or appeal (disagrees), in days. */
export const REOPEN_WINDOW_DAYS = 30;
export const APPEAL_WINDOW_DAYS = 30;

/** The facts a step is checked against, and what it brings. */
export interface StepInput {
  reason?: string;
  finding?: Finding;
  explanation?: string;
  actions?: CorrectiveAction[];
  /** When the case was answered (responded), for reopen and appeal windows. */
  respondedAt?: Date;
  now?: Date;
}

interface Step {
  from: readonly CaseState[];
  by: Actor;
  to: CaseState | ((input: StepInput) => CaseState);
  /** What the step needs: the fields it misses, or none. */
  needs?: (input: StepInput) => string[];
  /** Counted from `respondedAt`: the step is allowed within this many days. */
  windowDays?: number;
}

const AFTER_ANSWER = ['RESPONDED', 'PUBLISHED', 'NOT_PUBLISHED', 'CLOSED'] as const;
const reason = (input: StepInput) => (input.reason?.trim() ? [] : ['reason']);

export const STEPS = {
  triage: { from: ['RECEIVED'], by: 'office', to: 'TRIAGED' },
  reject: { from: ['RECEIVED', 'TRIAGED'], by: 'office', to: 'REJECTED', needs: reason },
  merge: { from: ['RECEIVED', 'TRIAGED'], by: 'office', to: 'MERGED' },
  assign: { from: ['TRIAGED'], by: 'office', to: 'ASSIGNED' },
  startVerification: { from: ['ASSIGNED'], by: 'unit', to: 'VERIFYING' },
  handBack: { from: ['ASSIGNED', 'VERIFYING'], by: 'unit', to: 'TRIAGED', needs: reason },
  requestInformation: { from: ['VERIFYING'], by: 'unit', to: 'AWAITING_INFORMATION', needs: reason },
  provideInformation: { from: ['AWAITING_INFORMATION'], by: 'submitter', to: 'VERIFYING' },
  recordFinding: {
    from: ['VERIFYING'],
    by: 'unit',
    to: 'FINDING_RECORDED',
    needs: (input) =>
      !input.finding
        ? ['finding']
        : input.finding === 'UNFOUNDED'
          ? input.explanation?.trim()
            ? []
            : ['explanation']
          : input.actions?.length
            ? []
            : ['actions'],
  },
  submitResponse: {
    from: ['FINDING_RECORDED'],
    by: 'unit',
    to: 'RESPONSE_SUBMITTED',
    // A founded case's actions are done, each with its evidence, before the unit reports back.
    needs: (input) =>
      (input.actions ?? []).flatMap((action, i) =>
        input.finding === 'UNFOUNDED' || (action.evidence?.trim() && action.completedAt)
          ? []
          : [`actions.${i}.${action.evidence?.trim() ? 'completedAt' : 'evidence'}`],
      ),
  },
  returnResponse: { from: ['RESPONSE_SUBMITTED'], by: 'office', to: 'VERIFYING', needs: reason },
  acceptResponse: { from: ['RESPONSE_SUBMITTED'], by: 'office', to: 'RESPONDED' },
  publish: { from: ['RESPONDED'], by: 'office', to: 'PUBLISHED' },
  withholdPublication: { from: ['RESPONDED'], by: 'office', to: 'NOT_PUBLISHED', needs: reason },
  close: { from: ['PUBLISHED', 'NOT_PUBLISHED'], by: 'office', to: 'CLOSED' },
  reopen: { from: AFTER_ANSWER, by: 'submitter', to: 'ASSIGNED', needs: reason, windowDays: REOPEN_WINDOW_DAYS },
  appeal: { from: AFTER_ANSWER, by: 'submitter', to: 'UNDER_APPEAL', needs: reason, windowDays: APPEAL_WINDOW_DAYS },
  upholdFinding: { from: ['UNDER_APPEAL'], by: 'office', to: 'CLOSED', needs: reason },
  sendBackOnAppeal: { from: ['UNDER_APPEAL'], by: 'office', to: 'VERIFYING', needs: reason },
} as const satisfies Record<string, Step>;

export type CaseStep = keyof typeof STEPS;

/**
 * The state a step takes the case to, or the refusal: FORBIDDEN for the wrong actor, NOT_NOW from a state the step
 * does not leave, INCOMPLETE naming what it misses, WINDOW_CLOSED after its window.
 */
export function nextState(state: CaseState, step: CaseStep, actor: Actor, input: StepInput = {}): CaseState {
  const rule: Step = STEPS[step];
  if (rule.by !== actor) {
    throw new FeedbackError(FeedbackErrorCode.FORBIDDEN, `Only the ${rule.by} takes the step ${step}.`);
  }
  if (!rule.from.includes(state)) {
    throw new FeedbackError(FeedbackErrorCode.NOT_NOW, `A case that is ${state} cannot ${step}.`, [
      { field: 'state', message: `${state}; ${step} needs ${rule.from.join(' or ')}` },
    ]);
  }
  if (rule.windowDays !== undefined) {
    const now = input.now ?? new Date();
    const closes = input.respondedAt && new Date(input.respondedAt.getTime() + rule.windowDays * 86_400_000);
    if (!closes || closes < now) {
      throw new FeedbackError(
        FeedbackErrorCode.WINDOW_CLOSED,
        `A case may be ${step === 'reopen' ? 'reopened' : 'appealed'} within ${rule.windowDays} days of its answer.`,
      );
    }
  }
  const missing = rule.needs?.(input) ?? [];
  if (missing.length) {
    throw new FeedbackError(
      FeedbackErrorCode.INCOMPLETE,
      `${step} needs ${missing.join(', ')}.`,
      missing.map((field) => ({ field, message: 'required for this step' })),
    );
  }
  return typeof rule.to === 'function' ? rule.to(input) : rule.to;
}

/** The steps an actor may take now: what a queue's page offers. */
export const stepsOpenTo = (state: CaseState, actor: Actor): CaseStep[] =>
  (Object.keys(STEPS) as CaseStep[]).filter((step) => {
    const rule: Step = STEPS[step];
    return rule.by === actor && rule.from.includes(state);
  });

/** Whether the case is over (nothing more happens unless it is reopened or appealed). */
export const isSettled = (state: CaseState) => ['CLOSED', 'REJECTED', 'MERGED'].includes(state);
