import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { hasRole, ROLES, scopeCovers, type Caller } from '@onedoor/auth';
import { PersonDeactivated, PersonReactivated, PersonUpdated } from '@onedoor/contracts';
import { page, ProblemException, type Page } from '@onedoor/http';
import { activeTraceId } from '@onedoor/observability';
import { ReferenceData } from '../reference-data/reference-data.service';
import { UinRegistry, UinSpaceExhaustedError } from '../uin/uin-registry';
import { writeEnrolment } from './enrolment.sql';
import { snapshotOf } from './person-snapshot';
import { normaliseName, searchKey } from './lao-text';
import type { EnrolPersonDto, PersonSearchQuery, PersonView, UpdatePersonDto } from './person.dto';
import { Person, PersonAccess, type PersonAccessAction } from './person.entities';

export interface DuplicateCandidate {
  personId: string;
  reason: 'SAME_NAME_AND_BIRTH_DATE' | 'SAME_PHONE';
}

const OFFICER_ROLES = [ROLES.identityRegistrar];

export function toView(person: Person): PersonView {
  return {
    id: person.id,
    uin: person.uin,
    givenNameLo: person.givenNameLo,
    familyNameLo: person.familyNameLo,
    givenNameEn: person.givenNameEn ?? undefined,
    familyNameEn: person.familyNameEn ?? undefined,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    address: {
      provinceCode: person.provinceCode,
      districtCode: person.districtCode,
      villageCode: person.villageCode ?? undefined,
      line: person.addressLine ?? undefined,
    },
    phone: person.phone ?? undefined,
    email: person.email ?? undefined,
    preferredLanguage: person.preferredLanguage,
    preferredChannel: person.preferredChannel,
    status: person.status,
    statusReason: person.statusReason ?? undefined,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
    version: person.version,
  };
}

function nameKeys(p: {
  givenNameLo: string;
  familyNameLo: string;
  givenNameEn?: string | null;
  familyNameEn?: string | null;
}) {
  const latin = [p.givenNameEn, p.familyNameEn].filter(Boolean).join(' ');
  return {
    nameKeyLo: searchKey(`${p.givenNameLo} ${p.familyNameLo}`),
    nameKeyLatin: latin ? searchKey(latin) : null,
  };
}

const notFound = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'IDENTITY.PERSON_NOT_FOUND', 'No person with this id is visible to you.');

/**
 * Enrolment and the person register. Officers (identity.registrar) act within their province when their token
 * carries one; a citizen reads only their own record. Every officer's read is written to the audit trail in
 * the same transaction as the read, and every change publishes its event through the outbox.
 */
@Injectable()
export class PersonsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
    private readonly uins: UinRegistry,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  private assertOfficerFor(caller: Caller, provinceCode: string) {
    if (!hasRole(caller, ...OFFICER_ROLES)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'PLATFORM.FORBIDDEN',
        'Only registration officers enrol and manage people.',
      );
    }
    if (!scopeCovers({ ...caller, ministry: undefined, unit: undefined }, { province: provinceCode })) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'IDENTITY.OUT_OF_SCOPE',
        `Your account acts for province ${caller.province}; this address is in province ${provinceCode}.`,
      );
    }
  }

  private officerMaySee(caller: Caller, person: Person): boolean {
    return hasRole(caller, ...OFFICER_ROLES) && (!caller.province || caller.province === person.provinceCode);
  }

  /** Who is acting, as the audit trail records it. */
  private actor(caller: Caller) {
    return {
      actor: caller.clientId && caller.sub === caller.clientId ? `client:${caller.clientId}` : caller.sub,
      actorRoles: [...caller.roles],
      actorScope: [caller.ministry, caller.province, caller.unit].some(Boolean)
        ? JSON.stringify({ ministry: caller.ministry, province: caller.province, unit: caller.unit })
        : null,
      traceId: activeTraceId() ?? null,
    };
  }

  private async audit(manager: EntityManager, caller: Caller, action: PersonAccessAction, personIds: string[]) {
    if (!personIds.length) return;
    const actor = this.actor(caller);
    await manager.insert(
      PersonAccess,
      personIds.map((personId) => ({ personId, ...actor, action })),
    );
  }

  private async rejectInvalidAddress(address: { provinceCode: string; districtCode: string; villageCode?: string }) {
    const errors = await this.referenceData.addressErrors(address, 'address.');
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDENTITY.UNKNOWN_ADMIN_AREA',
        errors.map((e) => e.message).join('; '),
        errors,
      );
    }
  }

  async enrol(caller: Caller, dto: EnrolPersonDto): Promise<PersonView> {
    this.assertOfficerFor(caller, dto.address.provinceCode);
    await this.rejectInvalidAddress(dto.address);
    const names = {
      givenNameLo: normaliseName(dto.givenNameLo),
      familyNameLo: normaliseName(dto.familyNameLo),
      givenNameEn: dto.givenNameEn ? normaliseName(dto.givenNameEn) : null,
      familyNameEn: dto.familyNameEn ? normaliseName(dto.familyNameEn) : null,
    };
    const keys = nameKeys(names);
    const preferredChannel = dto.preferredChannel ?? (dto.phone ? 'sms' : 'email');
    if (preferredChannel === 'sms' && !dto.phone) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDENTITY.CHANNEL_WITHOUT_ADDRESS',
        'SMS is preferred but no phone is given.',
        [{ field: 'phone', message: 'needed when preferredChannel is sms' }],
      );
    }
    if (preferredChannel === 'email' && !dto.email) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDENTITY.CHANNEL_WITHOUT_ADDRESS',
        'Email is preferred but no email address is given.',
        [{ field: 'email', message: 'needed when preferredChannel is email' }],
      );
    }
    const acknowledged = new Set(dto.distinctFrom ?? []);

    const now = new Date();
    const draw = () =>
      this.dataSource.manager.create(Person, {
        id: randomUUID(),
        uin: this.uins.candidate(),
        ...names,
        ...keys,
        dateOfBirth: dto.dateOfBirth,
        sex: dto.sex,
        provinceCode: dto.address.provinceCode,
        districtCode: dto.address.districtCode,
        villageCode: dto.address.villageCode ?? null,
        addressLine: dto.address.line ? normaliseName(dto.address.line) : null,
        phone: dto.phone ?? null,
        email: dto.email?.toLowerCase() ?? null,
        preferredLanguage: dto.preferredLanguage ?? 'lo',
        preferredChannel,
        status: 'ACTIVE',
        statusReason: null,
        distinctFrom: [...acknowledged],
        enrolledBy: caller.sub,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    const { person, outcome } = await writeEnrolment(
      this.dataSource,
      this.backbone.publisher,
      draw,
      this.actor(caller),
    );
    if (outcome.kind === 'DUPLICATE') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'IDENTITY.LIKELY_DUPLICATE',
        'This looks like a person already enrolled. Check the candidates; if they are other people, send their ids in distinctFrom.',
        undefined,
        { candidates: outcome.candidates },
      );
    }
    if (outcome.kind === 'UIN_TAKEN')
      throw new UinSpaceExhaustedError('no free UIN after 20 draws: raise IDENTITY_UIN_LENGTH');
    return toView(person);
  }

  /** One person's record: the person themself, or an officer in scope (and that read is audited). */
  async read(caller: Caller, id: string): Promise<PersonView> {
    return this.dataSource.transaction(async (manager) => {
      const person = await manager.findOneBy(Person, { id });
      if (!person) throw notFound();
      if (caller.sub === person.id && hasRole(caller, ROLES.citizen)) return toView(person);
      if (!this.officerMaySee(caller, person)) throw notFound();
      await this.audit(manager, caller, 'READ', [person.id]);
      return toView(person);
    });
  }

  async search(caller: Caller, query: PersonSearchQuery): Promise<Page<PersonView>> {
    if (!hasRole(caller, ...OFFICER_ROLES)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'PLATFORM.FORBIDDEN',
        'Only registration officers search the register.',
      );
    }
    if (!query.q && !query.uin && !query.phone && !query.dateOfBirth && !query.districtCode) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'IDENTITY.SEARCH_TOO_BROAD',
        'Give at least one of q, uin, phone, dateOfBirth or districtCode.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const qb = manager.createQueryBuilder(Person, 'p');
      if (caller.province) qb.andWhere('p.province_code = :province', { province: caller.province });
      if (query.q) {
        const key = searchKey(query.q).replace(/[\\%_]/g, (c) => `\\${c}`);
        qb.andWhere('(p.name_key_lo LIKE :pattern OR p.name_key_latin LIKE :pattern)', { pattern: `%${key}%` });
      }
      if (query.uin) qb.andWhere('p.uin = :uin', { uin: query.uin });
      if (query.phone) qb.andWhere('p.phone = :phone', { phone: query.phone });
      if (query.dateOfBirth) qb.andWhere('p.date_of_birth = :dob', { dob: query.dateOfBirth });
      if (query.districtCode) qb.andWhere('p.district_code = :district', { district: query.districtCode });
      if (query.status) qb.andWhere('p.status = :status', { status: query.status });
      const [people, total] = await qb
        .orderBy('p.name_key_lo')
        .addOrderBy('p.id')
        .take(query.limit)
        .skip(query.offset)
        .getManyAndCount();
      await this.audit(
        manager,
        caller,
        'SEARCH_RESULT',
        people.map((p) => p.id),
      );
      return page(people.map(toView), total, query);
    });
  }

  private async lockForChange(
    manager: EntityManager,
    caller: Caller,
    id: string,
    expectedVersion?: number,
  ): Promise<Person> {
    const person = await manager.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!person || !this.officerMaySee(caller, person)) throw notFound();
    if (expectedVersion !== undefined && expectedVersion !== person.version) {
      throw new ProblemException(
        HttpStatus.PRECONDITION_FAILED,
        'IDENTITY.VERSION_MISMATCH',
        `The record changed since you read it (now version ${person.version}); read it again.`,
      );
    }
    return person;
  }

  async update(caller: Caller, id: string, dto: UpdatePersonDto, expectedVersion?: number): Promise<PersonView> {
    if (dto.address) await this.rejectInvalidAddress(dto.address);
    const person = await this.dataSource.transaction(async (manager) => {
      const person = await this.lockForChange(manager, caller, id, expectedVersion);
      if (dto.address) this.assertOfficerFor(caller, dto.address.provinceCode);
      const next: Partial<Person> = {};
      for (const field of ['givenNameLo', 'familyNameLo', 'givenNameEn', 'familyNameEn'] as const) {
        if (dto[field] !== undefined) next[field] = normaliseName(dto[field]!);
      }
      if (dto.sex) next.sex = dto.sex;
      if (dto.phone) next.phone = dto.phone;
      if (dto.email) next.email = dto.email.toLowerCase();
      if (dto.preferredLanguage) next.preferredLanguage = dto.preferredLanguage;
      if (dto.preferredChannel) next.preferredChannel = dto.preferredChannel;
      if (dto.address) {
        next.provinceCode = dto.address.provinceCode;
        next.districtCode = dto.address.districtCode;
        next.villageCode = dto.address.villageCode ?? null;
        next.addressLine = dto.address.line ? normaliseName(dto.address.line) : null;
      }
      const changed = Object.keys(next).filter((key) => next[key as keyof Person] !== person[key as keyof Person]);
      if (!changed.length) return person;
      Object.assign(person, next, nameKeys({ ...person, ...next }));
      if (
        (person.preferredChannel === 'sms' && !person.phone) ||
        (person.preferredChannel === 'email' && !person.email)
      ) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDENTITY.CHANNEL_WITHOUT_ADDRESS',
          `The preferred channel ${person.preferredChannel} needs ${person.preferredChannel === 'sms' ? 'a phone' : 'an email address'}.`,
        );
      }
      const saved = await manager.save(person);
      await this.audit(manager, caller, 'UPDATE', [id]);
      await this.backbone.publisher.publish(manager, PersonUpdated, {
        ...snapshotOf(saved),
        changed,
        updatedAt: saved.updatedAt.toISOString(),
        updatedBy: caller.sub,
      });
      return saved;
    });
    return toView(person);
  }

  async changeStatus(caller: Caller, id: string, to: 'ACTIVE' | 'DEACTIVATED', reason: string): Promise<PersonView> {
    const person = await this.dataSource.transaction(async (manager) => {
      const person = await this.lockForChange(manager, caller, id);
      if (person.status === to) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          to === 'ACTIVE' ? 'IDENTITY.PERSON_ALREADY_ACTIVE' : 'IDENTITY.PERSON_ALREADY_DEACTIVATED',
          `This person is already ${to.toLowerCase()}.`,
        );
      }
      person.status = to;
      person.statusReason = reason;
      const saved = await manager.save(person);
      await this.audit(manager, caller, to === 'ACTIVE' ? 'REACTIVATE' : 'DEACTIVATE', [id]);
      await this.backbone.publisher.publish(manager, to === 'ACTIVE' ? PersonReactivated : PersonDeactivated, {
        personId: id,
        reason,
        at: saved.updatedAt.toISOString(),
        by: caller.sub,
      });
      return saved;
    });
    return toView(person);
  }

  /** Who read or changed this record: for auditors, and for the person themself. */
  async accessLog(caller: Caller, id: string, query: { limit: number; offset: number }): Promise<Page<PersonAccess>> {
    const self = caller.sub === id && hasRole(caller, ROLES.citizen);
    if (!self && !hasRole(caller, ROLES.identityAuditor)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'PLATFORM.FORBIDDEN',
        'Only auditors, and the person themself, read the audit trail.',
      );
    }
    const [items, total] = await this.dataSource.getRepository(PersonAccess).findAndCount({
      where: { personId: id },
      order: { at: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(items, total, query);
  }

  /** The person behind a UIN, for logging in (no audit: the person is acting for themself). */
  findActiveByUin(uin: string): Promise<Person | null> {
    return this.dataSource.getRepository(Person).findOneBy({ uin, status: 'ACTIVE' });
  }

  findById(id: string): Promise<Person | null> {
    return this.dataSource.getRepository(Person).findOneBy({ id });
  }
}
