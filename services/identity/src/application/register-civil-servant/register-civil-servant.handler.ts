import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assertGrantable,
  assertHrFor,
  IdentityError,
  IdentityErrorCode,
  postingColumns,
  type CivilServantRecord,
} from '../../domain';
import { assertPostingKnown, startAssignment } from '../civil-servant-access';
import { CivilServantStore, ReferenceCodes } from '../ports';
import { RegisterCivilServant } from './register-civil-servant.command';

/** Registers the civil servant, their first assignment and civil-servant.assigned, by HR of the ministry. */
@Injectable()
export class RegisterCivilServantHandler {
  constructor(
    private readonly civilServants: CivilServantStore,
    private readonly codes: ReferenceCodes,
  ) {}

  async execute({
    caller,
    personId,
    employeeNumber,
    posting,
    effectiveFrom,
    roles,
  }: RegisterCivilServant): Promise<CivilServantRecord> {
    assertHrFor(caller, posting.ministryCode);
    if (roles) assertGrantable(roles);
    await assertPostingKnown(this.codes, posting, 'posting');
    return this.civilServants.transaction(async (tx) => {
      if (!(await tx.activePerson(personId))) {
        throw new IdentityError(
          IdentityErrorCode.PERSON_NOT_ENROLLED,
          'Enrol the person first: no active person has this id.',
          [{ field: 'personId', message: 'no active person with this id' }],
        );
      }
      const clash = await tx.clash(personId, employeeNumber);
      if (clash) {
        throw new IdentityError(
          IdentityErrorCode.CIVIL_SERVANT_EXISTS,
          clash.personId === personId
            ? 'This person is already a civil servant; move them instead.'
            : 'This employee number is taken.',
        );
      }
      const saved = await tx.save({
        personId,
        // The staff account's own id: the subject of its tokens, never the person's (ADR 0013).
        accountId: randomUUID(),
        employeeNumber,
        ...postingColumns(posting),
        status: 'ACTIVE',
        roles: roles ?? [],
        passwordHash: null,
        totpSecretSealed: null,
        totpLastStep: null,
        activationCodeHash: null,
        activationExpiresAt: null,
      } as CivilServantRecord);
      await startAssignment(tx, caller, saved, posting, effectiveFrom, 'First appointment');
      return saved;
    });
  }
}
