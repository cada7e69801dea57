import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import {
  civilServantNotFound,
  hrMaySee,
  IdentityError,
  IdentityErrorCode,
  isOwnRecord,
  type CivilServantRecord,
} from '../../domain';
import { CivilServantStore, type Page } from '../ports';

/** Civil servants as HR of their ministry, and the civil servant themself, read them. */
@Injectable()
export class CivilServantQueries {
  constructor(private readonly civilServants: CivilServantStore) {}

  async read(caller: Caller, personId: string): Promise<CivilServantRecord> {
    const record = await this.civilServants.byPerson(personId);
    if (!record || !(isOwnRecord(caller, record) || hrMaySee(caller, record))) throw civilServantNotFound();
    return record;
  }

  list(caller: Caller, filter: { ministryCode?: string; provinceCode?: string; status?: string }, page: Page) {
    if (!hasRole(caller, ROLES.identityHumanResources)) {
      throw new IdentityError(IdentityErrorCode.FORBIDDEN, 'Only HR officers list civil servants.');
    }
    return this.civilServants.list({ ...filter, ownMinistry: caller.ministry }, page);
  }

  async history(caller: Caller, personId: string) {
    await this.read(caller, personId);
    return this.civilServants.assignments(personId);
  }
}
