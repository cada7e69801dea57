import { Injectable } from '@nestjs/common';
import {
  CaseDeadlineApproaching,
  CaseEscalated,
  type TaskEscalatedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import type { Stage } from '../../domain';
import { caseEvent } from '../case-event';
import { CaseStore, type Transaction } from '../ports';

/** The hotline-case process's tasks (services/workflow, ship-processes/hotline-case.ts) and the stages they are. */
const STAGES: Record<string, Stage> = {
  triage: 'triage',
  verify: 'verification',
  reopened: 'verification',
  review: 'review',
  appeal: 'appeal',
};

/**
 * A stage's deadline passed: the workflow block escalated its task to the office's supervisors; the case records it
 * (its history, `feedback.case.escalated`), in the consumer's transaction. Other processes' tasks are not cases'.
 */
@Injectable()
export class EscalateCaseHandler {
  constructor(private readonly cases: CaseStore) {}

  /** A stage's deadline is near: the case records the warning; its office is told (`feedback.case.deadline-approaching`). */
  async warned(data: TaskPayload, transaction: Transaction): Promise<void> {
    const stage = STAGES[data.elementId];
    if (!data.processRef.startsWith('hotline-case:') || !stage || !data.businessKey || !data.dueAt) return;
    const tx = this.cases.within(transaction);
    const record = await tx.lockById(data.businessKey);
    if (!record) return;
    await tx.history({
      caseId: record.id,
      step: 'warn',
      fromState: record.state,
      toState: record.state,
      actor: 'workflow',
      reason: `${stage}: due ${data.dueAt.slice(0, 10)} at ${data.unit}`,
    });
    await tx.publish(CaseDeadlineApproaching, { ...caseEvent(record), stage, dueAt: data.dueAt, office: data.unit });
  }

  async execute(data: TaskEscalatedPayload, transaction: Transaction): Promise<void> {
    const stage = STAGES[data.elementId];
    if (!data.processRef.startsWith('hotline-case:') || !stage || !data.businessKey || data.reason !== 'deadline')
      return;
    const tx = this.cases.within(transaction);
    const record = await tx.lockById(data.businessKey);
    if (!record) return;
    const dueAt = data.dueAt ?? data.at;
    await tx.history({
      caseId: record.id,
      step: 'escalate',
      fromState: record.state,
      toState: record.state,
      actor: 'workflow',
      reason: `${stage}: due ${dueAt.slice(0, 10)}, escalated to ${data.unit}'s supervisors`,
    });
    await tx.publish(CaseEscalated, {
      ...caseEvent(record),
      stage,
      dueAt,
      office: data.unit,
      escalatedTo: data.escalatedTo,
    });
  }
}
