/**
 * A hotline case's timeline: its own steps, the workflow block's deadline warnings and escalations of its stages,
 * and the messaging block's messages to its submitter, in one list built from the case's history (the other
 * blocks' entries come in by their events, under the case's correlation id).
 *
 * Officers who may see the case read all of it, with who took each step. Its submitter (signed in, or by case
 * number and PIN) reads a reduced one: the steps and their states, the messages sent to them (not those to the
 * offices) by channel, and only
 * the reasons addressed to them. What offices tell each other (a returned response, a unit handing a case back,
 * another submitter's case merged in, a finding before the Office accepted it) and the deadlines' escalations stay
 * inside the government.
 */

/** A timeline entry as it is kept: one row of the case's history. */
export interface TimelineSource {
  step: string;
  toState: string;
  actor: string;
  reason: string | null;
  at: Date;
}

/** Who reads the timeline. */
export type TimelineReader = 'officer' | 'submitter';

/** The block an entry came from, for the reader. */
export type TimelineBlock = 'feedback' | 'workflow' | 'messaging';

export interface TimelineEntry {
  step: string;
  state: string;
  block: TimelineBlock;
  reason?: string;
  /** Who took the step (officers' reading only). */
  by?: string;
  at: Date;
}

/** The messaging block's entries: a message's status, by its channel and template. */
export const MESSAGE_STEPS = {
  Sent: 'message-sent',
  Delivered: 'message-delivered',
  Errored: 'message-failed',
} as const;

const MESSAGE_STEP_NAMES: ReadonlySet<string> = new Set(Object.values(MESSAGE_STEPS));

/** The messaging block's templates of the notices to a case's submitter; its other messages go to the offices. */
const SUBMITTER_TEMPLATES = 'feedback.notice-';

/** A message entry's reason: its channel and template. */
const messageOf = (reason: string | null) => {
  const [channel, template = ''] = (reason ?? '').split(' ');
  return { channel, toSubmitter: template.startsWith(SUBMITTER_TEMPLATES) };
};

/** The workflow block's entries: a stage's deadline near, and passed (escalated). Officers' reading only. */
const DEADLINE_STEPS: ReadonlySet<string> = new Set(['warn', 'escalate']);

/** Steps whose reason is written to the submitter (or by them); every other step's reason is the offices' own. */
const REASONS_FOR_SUBMITTER: ReadonlySet<string> = new Set([
  'reject',
  'merge',
  'requestInformation',
  'provideInformation',
  'withholdPublication',
  'reopen',
  'appeal',
  'upholdFinding',
]);

/** Whether an entry is a change of the case itself (a step of its lifecycle), not another block's record of it. */
export const isCaseStep = (step: string): boolean => !MESSAGE_STEP_NAMES.has(step) && !DEADLINE_STEPS.has(step);

const blockOf = (step: string): TimelineBlock =>
  MESSAGE_STEP_NAMES.has(step) ? 'messaging' : DEADLINE_STEPS.has(step) ? 'workflow' : 'feedback';

/** The timeline as `reader` may read it, oldest first. */
export function timelineFor(history: readonly TimelineSource[], reader: TimelineReader): TimelineEntry[] {
  return history
    .filter(
      (entry) =>
        reader === 'officer' ||
        (MESSAGE_STEP_NAMES.has(entry.step) ? messageOf(entry.reason).toSubmitter : !DEADLINE_STEPS.has(entry.step)),
    )
    .map((entry) => {
      const block = blockOf(entry.step);
      const reason =
        reader === 'officer'
          ? entry.reason
          : block === 'messaging'
            ? messageOf(entry.reason).channel // the template is the offices' detail
            : REASONS_FOR_SUBMITTER.has(entry.step)
              ? entry.reason
              : null;
      return {
        step: entry.step,
        state: entry.toState,
        block,
        ...(reason && { reason }),
        ...(reader === 'officer' && { by: entry.actor }),
        at: entry.at,
      };
    });
}
