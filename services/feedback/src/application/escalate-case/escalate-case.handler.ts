import { Injectable } from '@nestjs/common';
import {
  CaseDeadlineApproaching,
  CaseEscalated,
  type EventContract,
  type TaskEscalatedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import type { CaseRecord, Stage } from '../../domain';
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
 * A stage's deadline passed: the workflow block escalated its task to the office's supervisors, and a unit's
 * verification, while it stays open, on up to its ministry and the Office; the case records each (its history,
 * `feedback.case.escalated`), in the consumer's transaction. Other processes' tasks are not cases'.
 */
@Injectable()
export class EscalateCaseHandler {
  constructor(private readonly cases: CaseStore) {}

  /** A stage's deadline is near: the case records the warning; its office is told (`feedback.case.deadline-approaching`). */
  async warned(data: TaskPayload, transaction: Transaction): Promise<void> {
    if (!data.dueAt) return;
    const dueAt = data.dueAt;
    await this.record(data, transaction, (stage) => ({
      step: 'warn',
      reason: `${stage}: due ${dueAt.slice(0, 10)} at ${data.unit}`,
      event: (record) => [CaseDeadlineApproaching, { ...caseEvent(record), stage, dueAt, office: data.unit }],
    }));
  }

  async execute(data: TaskEscalatedPayload, transaction: Transaction): Promise<void> {
    if (data.reason !== 'deadline') return;
    const dueAt = data.dueAt ?? data.at;
    const to = data.escalatedToOffice ?? data.unit;
    await this.record(data, transaction, (stage) => ({
      step: 'escalate',
      reason: `${stage}: due ${dueAt.slice(0, 10)} at ${data.unit}, escalated to ${to}'s supervisors`,
      event: (record) => [
        CaseEscalated,
        {
          ...caseEvent(record),
          stage,
          dueAt,
          office: data.unit,
          escalatedTo: data.escalatedTo,
          escalatedToOffice: to,
          ...(data.level && { level: data.level }),
        },
      ],
    }));
  }

  /** A hotline-case task's stage, recorded on its case (history and event) under the case's lock; others ignored. */
  private async record(
    data: TaskPayload,
    transaction: Transaction,
    what: (stage: Stage) => {
      step: string;
      reason: string;
      event: (record: CaseRecord) => [EventContract, unknown];
    },
  ): Promise<void> {
    const stage = STAGES[data.elementId];
    if (!data.processRef.startsWith('hotline-case:') || !stage || !data.businessKey) return;
    const tx = this.cases.within(transaction);
    const record = await tx.lockById(data.businessKey);
    if (!record) return;
    const { step, reason, event } = what(stage);
    await tx.history({
      caseId: record.id,
      step,
      fromState: record.state,
      toState: record.state,
      actor: 'workflow',
      reason,
    });
    const [contract, payload] = event(record);
    await tx.publish(contract, payload as never);
  }
}
