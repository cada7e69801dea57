import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { CivilServantChanges, CivilServantStore, type CivilServantFilter, type Page } from '../application/ports';
import type { AssignmentRecord, CivilServantRecord, PersonRecord } from '../domain';
import { Assignment, CivilServant } from './civil-servant.entities';
import { Person } from './person.entities';
import { IdentityTx } from './tx-base';

/** Civil servants' records and assignments inside one transaction. */
export class CivilServantsTx extends IdentityTx implements CivilServantChanges {
  activePerson(personId: string): Promise<PersonRecord | null> {
    return this.manager.findOneBy(Person, { id: personId, status: 'ACTIVE' });
  }

  clash(personId: string, employeeNumber: string): Promise<CivilServantRecord | null> {
    return this.manager.findOne(CivilServant, { where: [{ personId }, { employeeNumber }] });
  }

  lockByPerson(personId: string): Promise<CivilServantRecord | null> {
    return this.manager.findOne(CivilServant, { where: { personId }, lock: { mode: 'pessimistic_write' } });
  }

  lockByEmployeeNumber(employeeNumber: string): Promise<CivilServantRecord | null> {
    return this.manager.findOne(CivilServant, { where: { employeeNumber }, lock: { mode: 'pessimistic_write' } });
  }

  save(record: CivilServantRecord): Promise<CivilServantRecord> {
    return this.manager.save(CivilServant, record);
  }

  currentAssignment(personId: string): Promise<AssignmentRecord | null> {
    return this.manager.findOne(Assignment, {
      where: { personId, endedOn: IsNull() },
      order: { effectiveFrom: 'DESC' },
    });
  }

  async endAssignments(personId: string, endedOn: string): Promise<void> {
    await this.manager.update(Assignment, { personId, endedOn: IsNull() }, { endedOn });
  }

  async addAssignment(assignment: Omit<AssignmentRecord, 'recordedAt'>): Promise<void> {
    await this.manager.save(Assignment, assignment);
  }
}

/** The personal information management system's records in PostgreSQL (schema `identity`). */
@Injectable()
export class CivilServantsRepository implements CivilServantStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  transaction<T>(work: (tx: CivilServantChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new CivilServantsTx(manager, this.backbone)));
  }

  byPerson(personId: string): Promise<CivilServantRecord | null> {
    return this.dataSource.getRepository(CivilServant).findOneBy({ personId });
  }

  list(filter: CivilServantFilter, page: Page): Promise<[CivilServantRecord[], number]> {
    const qb = this.dataSource.getRepository(CivilServant).createQueryBuilder('c');
    if (filter.ownMinistry) qb.andWhere('c.ministry_code = :own', { own: filter.ownMinistry });
    if (filter.ministryCode) qb.andWhere('c.ministry_code = :ministry', { ministry: filter.ministryCode });
    if (filter.provinceCode) qb.andWhere('c.province_code = :province', { province: filter.provinceCode });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    return qb.orderBy('c.employee_number').take(page.limit).skip(page.offset).getManyAndCount();
  }

  assignments(personId: string): Promise<AssignmentRecord[]> {
    return this.dataSource.getRepository(Assignment).find({ where: { personId }, order: { effectiveFrom: 'DESC' } });
  }
}
