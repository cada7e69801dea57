import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { hasRole, ROLES, scopeCovers, type Caller } from '@onedoor/auth';
import { CivilServantAssigned, type Posting } from '@onedoor/contracts';
import { page, ProblemException, type Page } from '@onedoor/http';
import { Person } from '../persons/person.entities';
import { ReferenceData } from '../reference-data/reference-data.service';
import { hashPassword, passwordWeakness } from '../secrets/passwords';
import { SecretBox } from '../secrets/secret-box';
import { newTotpSecret, otpauthUri } from '../secrets/totp';
import type {
  ActivateAccountDto,
  CivilServantQuery,
  CivilServantStatusDto,
  MoveCivilServantDto,
  PostingDto,
  RegisterCivilServantDto,
} from './civil-servant.dto';
import { Assignment, CivilServant } from './civil-servant.entities';

const ACTIVATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ACTIVATION_DAYS = 7;

export interface CivilServantView {
  personId: string;
  employeeNumber: string;
  posting: Posting;
  status: CivilServant['status'];
  roles: string[];
  /** Whether the person has set a password and an authenticator (can log in). */
  accountActive: boolean;
  updatedAt: string;
}

function postingOf(record: {
  level: Posting['level'];
  ministryCode: string;
  departmentCode: string | null;
  provinceCode: string;
  position: string;
  grade: string;
}): Posting {
  return {
    ministryCode: record.ministryCode,
    ...(record.departmentCode ? { departmentCode: record.departmentCode } : {}),
    provinceCode: record.provinceCode,
    level: record.level,
    position: record.position,
    grade: record.grade,
  };
}

function view(record: CivilServant): CivilServantView {
  return {
    personId: record.personId,
    employeeNumber: record.employeeNumber,
    posting: postingOf(record),
    status: record.status,
    roles: record.roles,
    accountActive: !!record.passwordHash && !!record.totpSecretSealed,
    updatedAt: record.updatedAt.toISOString(),
  };
}

const hashCode = (code: string) => createHash('sha256').update(code).digest();

const notFound = () =>
  new ProblemException(
    HttpStatus.NOT_FOUND,
    'IDENTITY.CIVIL_SERVANT_NOT_FOUND',
    'No civil servant with this id is visible to you.',
  );

/**
 * The personal information management system: civil servants, their postings and assignment history, their
 * platform roles, and their login account. HR officers (identity.hr) act within their ministry when their token
 * names one. A move ends the current assignment, starts the next and publishes civil-servant.assigned.
 */
@Injectable()
export class CivilServantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
    private readonly secrets: SecretBox,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  private assertHrFor(caller: Caller, ministryCode: string) {
    if (!hasRole(caller, ROLES.identityHumanResources)) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'PLATFORM.FORBIDDEN', 'Only HR officers manage civil servants.');
    }
    if (!scopeCovers({ sub: caller.sub, roles: caller.roles, ministry: caller.ministry }, { ministry: ministryCode })) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'IDENTITY.OUT_OF_SCOPE',
        `Your account manages civil servants of ${caller.ministry}, not of ${ministryCode}.`,
      );
    }
  }

  private hrMaySee(caller: Caller, record: CivilServant) {
    return (
      hasRole(caller, ROLES.identityHumanResources) && (!caller.ministry || caller.ministry === record.ministryCode)
    );
  }

  private async rejectInvalidPosting(posting: PostingDto, prefix: string) {
    const errors = [
      ...(await this.referenceData.postingErrors(posting.ministryCode, posting.departmentCode)),
      ...(await this.referenceData.addressErrors({ provinceCode: posting.provinceCode })),
    ].map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDENTITY.UNKNOWN_CODE',
        errors.map((e) => e.message).join('; '),
        errors,
      );
    }
  }

  private async startAssignment(
    manager: EntityManager,
    caller: Caller,
    record: CivilServant,
    posting: PostingDto,
    effectiveFrom: string,
    reason: string,
    from?: Posting,
  ) {
    const assignment = manager.create(Assignment, {
      id: randomUUID(),
      personId: record.personId,
      ministryCode: posting.ministryCode,
      departmentCode: posting.departmentCode ?? null,
      provinceCode: posting.provinceCode,
      level: posting.level,
      position: posting.position,
      grade: posting.grade,
      effectiveFrom,
      endedOn: null,
      reason,
      recordedBy: caller.sub,
    });
    await manager.save(assignment);
    await this.backbone.publisher.publish(manager, CivilServantAssigned, {
      personId: record.personId,
      employeeNumber: record.employeeNumber,
      assignmentId: assignment.id,
      ...(from ? { from } : {}),
      to: postingOf(assignment),
      effectiveFrom,
      reason,
      by: caller.sub,
    });
  }

  async register(caller: Caller, dto: RegisterCivilServantDto): Promise<CivilServantView> {
    this.assertHrFor(caller, dto.posting.ministryCode);
    await this.rejectInvalidPosting(dto.posting, 'posting');
    const saved = await this.dataSource.transaction(async (manager) => {
      const person = await manager.findOneBy(Person, { id: dto.personId });
      if (!person || person.status !== 'ACTIVE') {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDENTITY.PERSON_NOT_ENROLLED',
          'Enrol the person first: no active person has this id.',
          [{ field: 'personId', message: 'no active person with this id' }],
        );
      }
      const clash = await manager.findOne(CivilServant, {
        where: [{ personId: dto.personId }, { employeeNumber: dto.employeeNumber }],
      });
      if (clash) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'IDENTITY.CIVIL_SERVANT_EXISTS',
          clash.personId === dto.personId
            ? 'This person is already a civil servant; move them instead.'
            : 'This employee number is taken.',
        );
      }
      const record = manager.create(CivilServant, {
        personId: dto.personId,
        employeeNumber: dto.employeeNumber,
        ministryCode: dto.posting.ministryCode,
        departmentCode: dto.posting.departmentCode ?? null,
        provinceCode: dto.posting.provinceCode,
        level: dto.posting.level,
        position: dto.posting.position,
        grade: dto.posting.grade,
        status: 'ACTIVE',
        roles: dto.roles ?? [],
        passwordHash: null,
        totpSecretSealed: null,
        totpLastStep: null,
        activationCodeHash: null,
        activationExpiresAt: null,
      });
      const saved = await manager.save(record);
      await this.startAssignment(manager, caller, saved, dto.posting, dto.effectiveFrom, 'First appointment');
      return saved;
    });
    return view(saved);
  }

  async move(caller: Caller, personId: string, dto: MoveCivilServantDto): Promise<CivilServantView> {
    await this.rejectInvalidPosting(dto.to, 'to');
    const saved = await this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(CivilServant, { where: { personId }, lock: { mode: 'pessimistic_write' } });
      if (!record || !this.hrMaySee(caller, record)) throw notFound();
      this.assertHrFor(caller, record.ministryCode);
      const current = await manager.findOne(Assignment, {
        where: { personId, endedOn: IsNull() },
        order: { effectiveFrom: 'DESC' },
      });
      if (current && dto.effectiveFrom <= current.effectiveFrom) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDENTITY.MOVE_BEFORE_CURRENT',
          `The current posting started on ${current.effectiveFrom}; a move takes effect after it.`,
          [{ field: 'effectiveFrom', message: `must be after ${current.effectiveFrom}` }],
        );
      }
      const from = postingOf(record);
      await manager.update(Assignment, { personId, endedOn: IsNull() }, { endedOn: dto.effectiveFrom });
      Object.assign(record, {
        ministryCode: dto.to.ministryCode,
        departmentCode: dto.to.departmentCode ?? null,
        provinceCode: dto.to.provinceCode,
        level: dto.to.level,
        position: dto.to.position,
        grade: dto.to.grade,
      });
      const saved = await manager.save(record);
      await this.startAssignment(manager, caller, saved, dto.to, dto.effectiveFrom, dto.reason, from);
      return saved;
    });
    return view(saved);
  }

  async read(caller: Caller, personId: string): Promise<CivilServantView> {
    const record = await this.dataSource.getRepository(CivilServant).findOneBy({ personId });
    if (!record || !(caller.sub === personId || this.hrMaySee(caller, record))) throw notFound();
    return view(record);
  }

  async list(caller: Caller, query: CivilServantQuery): Promise<Page<CivilServantView>> {
    if (!hasRole(caller, ROLES.identityHumanResources)) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'PLATFORM.FORBIDDEN', 'Only HR officers list civil servants.');
    }
    const qb = this.dataSource.getRepository(CivilServant).createQueryBuilder('c');
    if (caller.ministry) qb.andWhere('c.ministry_code = :own', { own: caller.ministry });
    if (query.ministryCode) qb.andWhere('c.ministry_code = :ministry', { ministry: query.ministryCode });
    if (query.provinceCode) qb.andWhere('c.province_code = :province', { province: query.provinceCode });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    const [items, total] = await qb.orderBy('c.employee_number').take(query.limit).skip(query.offset).getManyAndCount();
    return page(items.map(view), total, query);
  }

  async history(caller: Caller, personId: string): Promise<Assignment[]> {
    await this.read(caller, personId);
    return this.dataSource.getRepository(Assignment).find({ where: { personId }, order: { effectiveFrom: 'DESC' } });
  }

  async setStatus(caller: Caller, personId: string, dto: CivilServantStatusDto): Promise<CivilServantView> {
    return this.change(caller, personId, (record) => {
      record.status = dto.status;
    });
  }

  async setRoles(caller: Caller, personId: string, roles: string[]): Promise<CivilServantView> {
    return this.change(caller, personId, (record) => {
      record.roles = [...new Set(roles)].sort();
    });
  }

  private async change(
    caller: Caller,
    personId: string,
    apply: (record: CivilServant) => void,
  ): Promise<CivilServantView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(CivilServant, { where: { personId }, lock: { mode: 'pessimistic_write' } });
      if (!record || !this.hrMaySee(caller, record)) throw notFound();
      this.assertHrFor(caller, record.ministryCode);
      apply(record);
      return manager.save(record);
    });
    return view(saved);
  }

  /**
   * A one-time activation code that HR hands to the civil servant in person; it lets them set their password
   * and authenticator once, within seven days. Issuing a new one resets the account.
   */
  async issueActivationCode(caller: Caller, personId: string): Promise<{ activationCode: string; expiresAt: string }> {
    const code = Array.from({ length: 3 }, () =>
      Array.from({ length: 4 }, () => ACTIVATION_ALPHABET[randomInt(ACTIVATION_ALPHABET.length)]).join(''),
    ).join('-');
    const expiresAt = new Date(Date.now() + ACTIVATION_DAYS * 86_400_000);
    await this.change(caller, personId, (record) => {
      record.activationCodeHash = hashCode(code).toString('base64url');
      record.activationExpiresAt = expiresAt;
      record.passwordHash = null;
      record.totpSecretSealed = null;
      record.totpLastStep = null;
    });
    return { activationCode: code, expiresAt: expiresAt.toISOString() };
  }

  /** Sets the password and returns the authenticator seed (shown once, as a QR code by the client). */
  async activate(dto: ActivateAccountDto): Promise<{ otpauthUri: string; secret: string }> {
    const weakness = passwordWeakness(dto.password);
    if (weakness) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDENTITY.WEAK_PASSWORD',
        `The password needs ${weakness}.`,
        [{ field: 'password', message: weakness }],
      );
    }
    const refused = () =>
      new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'IDENTITY.ACTIVATION_REFUSED',
        'The employee number or activation code is wrong or expired.',
      );
    const passwordHash = await hashPassword(dto.password);
    const secret = newTotpSecret();
    await this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(CivilServant, {
        where: { employeeNumber: dto.employeeNumber },
        lock: { mode: 'pessimistic_write' },
      });
      const expected = record?.activationCodeHash
        ? Buffer.from(record.activationCodeHash, 'base64url')
        : Buffer.alloc(32);
      const matches = timingSafeEqual(expected, hashCode(dto.activationCode));
      if (
        !record ||
        !matches ||
        !record.activationExpiresAt ||
        record.activationExpiresAt < new Date() ||
        record.status !== 'ACTIVE'
      ) {
        throw refused();
      }
      record.passwordHash = passwordHash;
      record.totpSecretSealed = this.secrets.seal(secret);
      record.totpLastStep = null;
      record.activationCodeHash = null;
      record.activationExpiresAt = null;
      await manager.save(record);
    });
    return { otpauthUri: otpauthUri(secret, dto.employeeNumber), secret };
  }

  findActiveByEmployeeNumber(employeeNumber: string): Promise<CivilServant | null> {
    return this.dataSource.getRepository(CivilServant).findOneBy({ employeeNumber, status: 'ACTIVE' });
  }

  findByPersonId(personId: string): Promise<CivilServant | null> {
    return this.dataSource.getRepository(CivilServant).findOneBy({ personId });
  }
}
