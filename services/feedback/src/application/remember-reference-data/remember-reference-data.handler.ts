import { Injectable } from '@nestjs/common';
import type { AdminAreaSavedPayload, OrganisationSavedPayload } from '@onedoor/contracts';
import { ReferenceData, type Transaction } from '../ports';

/**
 * The identity block's register of places and offices, kept from its events (in the consumer's transaction): a
 * case's province, district and village, and the unit it is assigned to, must be among them.
 */
@Injectable()
export class RememberReferenceDataHandler {
  constructor(private readonly reference: ReferenceData) {}

  place(data: AdminAreaSavedPayload, transaction: Transaction): Promise<void> {
    return this.reference.rememberPlace(transaction, {
      code: data.code,
      level: data.level,
      parentCode: data.parentCode ?? null,
    });
  }

  office(data: OrganisationSavedPayload, transaction: Transaction): Promise<void> {
    return this.reference.rememberOffice(transaction, {
      code: data.code,
      kind: data.kind,
      parentCode: data.parentCode ?? null,
    });
  }
}
