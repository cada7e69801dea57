import { Injectable } from '@nestjs/common';
import {
  IdentityError,
  IdentityErrorCode,
  type AdminAreaLevel,
  type AdminAreaRecord,
  type OrganisationRecord,
} from '../../domain';
import { ReferenceCodes, type FieldError } from '../ports';

function rejectIfAny(errors: FieldError[]) {
  if (errors.length) {
    throw new IdentityError(IdentityErrorCode.INVALID_REFERENCE_DATA, errors.map((e) => e.message).join('; '), errors);
  }
}

/**
 * The administrative codes and organisations every address and posting is checked against: data, kept by
 * platform operators. Each change is checked against its parent and level before it is saved.
 */
@Injectable()
export class KeepReferenceDataHandler {
  constructor(private readonly codes: ReferenceCodes) {}

  async saveArea(area: AdminAreaRecord): Promise<AdminAreaRecord> {
    const saved = { ...area, nameLo: area.nameLo.normalize('NFC') };
    rejectIfAny(await this.codes.saveArea(saved));
    return saved;
  }

  async saveOrganisation(organisation: OrganisationRecord): Promise<OrganisationRecord> {
    if (!/^[A-Z][A-Z0-9-]{1,31}$/.test(organisation.code)) {
      throw new IdentityError(
        IdentityErrorCode.INVALID_REFERENCE_CODE,
        'An organisation code is 2 to 32 capital letters, digits or "-".',
        [{ field: 'code', message: '2 to 32 capital letters, digits or "-"' }],
      );
    }
    const saved = { ...organisation, nameLo: organisation.nameLo.normalize('NFC') };
    rejectIfAny(await this.codes.saveOrganisation(saved));
    return saved;
  }

  areas(filter: { level?: AdminAreaLevel; parentCode?: string }) {
    return this.codes.areas(filter);
  }

  organisations(filter: { kind?: OrganisationRecord['kind']; parentCode?: string }) {
    return this.codes.organisations(filter);
  }
}
