import { Injectable } from '@nestjs/common';
import { type Caller, hasRole, ROLES, selfPersonId } from '@onedoor/contracts';
import {
  IdentityError,
  IdentityErrorCode,
  isOfficer,
  isSelf,
  officerMaySee,
  personNotFound,
  searchKey,
  type PersonRecord,
} from '../../domain';
import { actorOf } from '../person-access';
import { PersonStore, type Page } from '../ports';

export interface PersonSearchQuery {
  q?: string;
  uin?: string;
  phone?: string;
  dateOfBirth?: string;
  districtCode?: string;
  status?: string;
}

/**
 * Reading the register: the person themself, or an officer in scope; every officer's read and every search
 * result is written to the audit trail in the same transaction as the read.
 */
@Injectable()
export class PersonQueries {
  constructor(private readonly people: PersonStore) {}

  /** The caller's own record: a citizen login's person (anyone else has none here). */
  me(caller: Caller): Promise<PersonRecord> {
    const self = selfPersonId(caller);
    if (!self) return Promise.reject(personNotFound());
    return this.read(caller, self);
  }

  read(caller: Caller, id: string): Promise<PersonRecord> {
    return this.people.transaction(async (tx) => {
      const person = await tx.find(id);
      if (!person) throw personNotFound();
      if (isSelf(caller, person.id)) return person;
      if (!officerMaySee(caller, person)) throw personNotFound();
      await tx.audit(actorOf(caller), 'READ', [person.id]);
      return person;
    });
  }

  async search(caller: Caller, query: PersonSearchQuery, page: Page): Promise<[PersonRecord[], number]> {
    if (!isOfficer(caller)) {
      throw new IdentityError(IdentityErrorCode.FORBIDDEN, 'Only registration officers search the register.');
    }
    if (!query.q && !query.uin && !query.phone && !query.dateOfBirth && !query.districtCode) {
      throw new IdentityError(
        IdentityErrorCode.SEARCH_TOO_BROAD,
        'Give at least one of q, uin, phone, dateOfBirth or districtCode.',
      );
    }
    return this.people.transaction(async (tx) => {
      const found = await tx.search(
        {
          province: caller.province,
          nameKey: query.q ? searchKey(query.q) : undefined,
          uin: query.uin,
          phone: query.phone,
          dateOfBirth: query.dateOfBirth,
          districtCode: query.districtCode,
          status: query.status,
        },
        page,
      );
      await tx.audit(
        actorOf(caller),
        'SEARCH_RESULT',
        found[0].map((p) => p.id),
      );
      return found;
    });
  }

  /**
   * Who read or changed this record: for the person themself, and for auditors within their scope (an auditor of
   * a province reads the trails of that province's people; a person outside it does not exist for them).
   */
  async accessLog(caller: Caller, id: string, page: Page) {
    if (!isSelf(caller, id)) {
      if (!hasRole(caller, ROLES.identityAuditor)) {
        throw new IdentityError(
          IdentityErrorCode.FORBIDDEN,
          'Only auditors, and the person themself, read the audit trail.',
        );
      }
      const person = await this.people.transaction((tx) => tx.find(id));
      if (!person || (caller.province && caller.province !== person.provinceCode)) throw personNotFound();
    }
    return this.people.accessLog(id, page);
  }
}
