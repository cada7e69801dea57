import { Injectable } from '@nestjs/common';
import type { PersonEnrolledPayload, PersonUpdatedPayload } from '@onedoor/contracts';
import { ApplicationStore, type Transaction } from '../ports';

/** What the identity block says about people, kept for prefilled forms and eligibility (once only). */
@Injectable()
export class RememberPersonHandler {
  constructor(private readonly applications: ApplicationStore) {}

  async execute(data: PersonEnrolledPayload | PersonUpdatedPayload, transaction: Transaction): Promise<void> {
    await this.applications.within(transaction).rememberPerson(data.personId, data);
  }
}
