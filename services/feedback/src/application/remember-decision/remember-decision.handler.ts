import { Injectable } from '@nestjs/common';
import type { ApplicationStatusChangedPayload } from '@onedoor/contracts';
import { RatingStore, type Transaction } from '../ports';

/** The final states of an application at a one-door centre: after one of them, its applicant may rate the service. */
export const FINAL_STATUSES = ['APPROVED', 'REJECTED', 'WITHDRAWN'];

/** Registration's status changes: a final one makes the application ratable (in the consumer's transaction). */
@Injectable()
export class RememberDecisionHandler {
  constructor(private readonly ratings: RatingStore) {}

  async execute(data: ApplicationStatusChangedPayload, transaction: Transaction): Promise<void> {
    if (!FINAL_STATUSES.includes(data.status)) return;
    await this.ratings.rememberDecision(transaction, {
      applicationId: data.applicationId,
      applicantId: data.applicantId,
      serviceCode: data.serviceCode,
      ministry: data.ministry,
      unit: data.unit ?? null,
      status: data.status,
      decidedAt: new Date(data.at),
    });
  }
}
