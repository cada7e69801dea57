import { Injectable } from '@nestjs/common';
import type { OrganisationSavedPayload } from '@onedoor/contracts';
import { ApplicationStore, type Transaction } from '../ports';

/** The ministries and departments the identity block registers: a service's ministry and unit must be among them. */
@Injectable()
export class RememberOrganisationHandler {
  constructor(private readonly applications: ApplicationStore) {}

  async execute(data: OrganisationSavedPayload, transaction: Transaction): Promise<void> {
    await this.applications.within(transaction).rememberOrganisation({
      code: data.code,
      kind: data.kind,
      parentCode: data.parentCode ?? null,
    });
  }
}
