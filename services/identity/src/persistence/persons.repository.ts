import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { PersonChanges, PersonStore, type Actor, type Page, type PersonSearch } from '../application/ports';
import { UIN_POLICY } from '../identity.config';
import { generateUinCandidate, type PersonAccessAction, type PersonRecord, type UinPolicy } from '../domain';
import { writeEnrolment } from './enrolment.sql';
import { Person, PersonAccess } from './person.entities';
import { IdentityTx } from './tx-base';

/** A person's record and audit trail inside one transaction. */
export class PersonsTx extends IdentityTx implements PersonChanges {
  find(id: string): Promise<PersonRecord | null> {
    return this.manager.findOneBy(Person, { id });
  }

  lock(id: string): Promise<PersonRecord | null> {
    return this.manager.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(person: PersonRecord): Promise<PersonRecord> {
    return this.manager.save(Person, person);
  }

  async audit(actor: Actor, action: PersonAccessAction, personIds: string[]): Promise<void> {
    if (!personIds.length) return;
    await this.manager.insert(
      PersonAccess,
      personIds.map((personId) => ({ personId, ...actor, action })),
    );
  }

  search(filter: PersonSearch, page: Page): Promise<[PersonRecord[], number]> {
    const qb = this.manager.createQueryBuilder(Person, 'p');
    if (filter.province) qb.andWhere('p.province_code = :province', { province: filter.province });
    if (filter.nameKey) {
      const key = filter.nameKey.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere('(p.name_key_lo LIKE :pattern OR p.name_key_latin LIKE :pattern)', { pattern: `%${key}%` });
    }
    if (filter.uin) qb.andWhere('p.uin = :uin', { uin: filter.uin });
    if (filter.phone) qb.andWhere('p.phone = :phone', { phone: filter.phone });
    if (filter.dateOfBirth) qb.andWhere('p.date_of_birth = :dob', { dob: filter.dateOfBirth });
    if (filter.districtCode) qb.andWhere('p.district_code = :district', { district: filter.districtCode });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    return qb.orderBy('p.name_key_lo').addOrderBy('p.id').take(page.limit).skip(page.offset).getManyAndCount();
  }
}

/** The person register in PostgreSQL (schema `identity`). */
@Injectable()
export class PersonsRepository implements PersonStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(UIN_POLICY) private readonly policy: UinPolicy,
  ) {}

  transaction<T>(work: (tx: PersonChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager: EntityManager) => work(new PersonsTx(manager, this.backbone)));
  }

  enrol(draw: () => PersonRecord, actor: Actor) {
    return writeEnrolment(this.dataSource, this.backbone.publisher, () => draw() as Person, actor);
  }

  uinCandidate(): string {
    return generateUinCandidate(this.policy);
  }

  accessLog(personId: string, page: Page) {
    return this.dataSource.getRepository(PersonAccess).findAndCount({
      where: { personId },
      order: { at: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }
}
