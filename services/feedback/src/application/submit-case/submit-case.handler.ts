import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { newTrackingCode } from '@onedoor/application';
import { CaseReceived, selfPersonId } from '@onedoor/contracts';
import { FeedbackError, FeedbackErrorCode, newPin, type CaseRecord } from '../../domain';
import { caseEvent } from '../case-event';
import { CaseStore } from '../ports';
import { SubmitCase } from './submit-case.command';

/**
 * A case reaches the hotline: checked (its topic in the taxonomy, a district within its province), written with its
 * first history entry and `case.received` in one transaction. An anonymous submitter gets a PIN, shown once; an
 * identified or confidential one is the citizen signed in.
 */
@Injectable()
export class SubmitCaseHandler {
  constructor(private readonly cases: CaseStore) {}

  async execute(command: SubmitCase): Promise<{ record: CaseRecord; pin?: string }> {
    const submitterId = command.caller ? selfPersonId(command.caller) : undefined;
    if (command.identity !== 'anonymous' && !submitterId) {
      throw new FeedbackError(
        FeedbackErrorCode.SIGN_IN_REQUIRED,
        `A ${command.identity} case is submitted signed in as yourself; without signing in, submit it anonymously.`,
      );
    }
    const errors = [
      ...((await this.cases.topic(command.topic)) ? [] : [{ field: 'topic', message: 'not a topic of the taxonomy' }]),
      ...(command.district && (!command.province || !command.district.startsWith(command.province))
        ? [{ field: 'district', message: 'a district of the province given' }]
        : []),
    ];
    if (errors.length) {
      throw new FeedbackError(
        FeedbackErrorCode.UNKNOWN_TOPIC,
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
    const pin = command.identity === 'anonymous' ? newPin() : undefined;
    const now = new Date();
    return this.cases.transaction(async (tx) => {
      const record: CaseRecord = {
        id: randomUUID(),
        number: '',
        kind: command.kind,
        topic: command.topic,
        description: command.description.normalize('NFC'),
        state: 'RECEIVED',
        channel: command.channel,
        identity: command.identity,
        submitterId: submitterId ?? null,
        pinHash: pin?.hash ?? null,
        province: command.province ?? null,
        district: command.district ?? null,
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
      // A number is drawn again in the rare case it is taken.
      do record.number = `1516-${newTrackingCode()}`;
      while (!(await tx.insert(record)));
      await tx.history({
        caseId: record.id,
        step: 'receive',
        fromState: null,
        toState: 'RECEIVED',
        actor: 'submitter',
        reason: null,
      });
      await tx.publish(CaseReceived, {
        ...caseEvent(record),
        identity: record.identity,
        ...(record.identity === 'identified' && { submitterId: record.submitterId! }),
      });
      return { record, ...(pin && { pin: pin.pin }) };
    });
  }
}
