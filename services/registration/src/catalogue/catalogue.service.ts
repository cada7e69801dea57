import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { scopeCovers, type Caller } from '@onedoor/auth';
import { ProblemException } from '@onedoor/http';
import { PublicService } from '../registration.entities';
import type { ServiceDto } from '../registration.dto';
import { compileFormSchema, compileRule, type FieldError } from './form-rules';

const MAX_SCHEMA_BYTES = 64_000;

/** GovStack's service, with the catalogue's details. */
export function serviceView(service: PublicService) {
  return {
    id: service.id,
    code: service.code,
    name: service.name.en,
    names: service.name,
    description: service.description.en,
    descriptions: service.description,
    version: String(service.version),
    type: 'Public',
    isExecutable: service.retiredAt === null,
    ministry: service.ministry,
    unit: service.unit,
    eFormId: service.id,
    documents: service.documents,
    fee: { amount: service.feeAmount, currency: 'LAK' },
    processKey: service.processKey,
    slaWorkingDays: service.slaWorkingDays,
    eligibility: service.eligibility.map((rule) => rule.message),
    createdAt: service.createdAt,
    retired: service.retiredAt !== null,
  };
}

/** How long a replica keeps a looked-up service: a new version or a retirement takes effect within this. */
const CACHE_MS = 2_000;

/** The service catalogue: ministries publish versioned services; an application keeps its version. */
@Injectable()
export class CatalogueService {
  private readonly cache = new Map<string, { at: number; service: Promise<PublicService> }>();

  constructor(private readonly dataSource: DataSource) {}

  /** find(), remembered for a moment: the submission path reads the same few services thousands of times. */
  cached(serviceId: string): Promise<PublicService> {
    const hit = this.cache.get(serviceId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.service;
    const service = this.find(this.dataSource.manager, serviceId, true);
    if (this.cache.size > 1_000) this.cache.clear();
    this.cache.set(serviceId, { at: Date.now(), service });
    service.catch(() => this.cache.delete(serviceId));
    return service;
  }

  /** A version by id, or the current version by code; 404 otherwise (retired ones only when asked). */
  async find(manager: EntityManager, serviceId: string, includeRetired = false): Promise<PublicService> {
    const service = isUUID(serviceId)
      ? await manager.findOneBy(PublicService, { id: serviceId })
      : await manager.findOne(PublicService, {
          where: { code: serviceId, ...(includeRetired ? {} : { retiredAt: IsNull() }) },
          order: { version: 'DESC' },
        });
    if (!service || (!includeRetired && service.retiredAt)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.SERVICE_NOT_FOUND', `No service ${serviceId}.`);
    }
    return service;
  }

  private check(body: ServiceDto) {
    const errors: FieldError[] = [];
    if (JSON.stringify(body.eForm.schema).length > MAX_SCHEMA_BYTES)
      errors.push({ field: 'eForm.schema', message: 'at most 64 kB' });
    else {
      try {
        compileFormSchema(body.eForm.schema);
      } catch (error) {
        errors.push({ field: 'eForm.schema', message: `not a valid JSON Schema: ${(error as Error).message}` });
      }
      if (body.eForm.schema.type !== 'object')
        errors.push({ field: 'eForm.schema.type', message: 'a form is an object' });
    }
    (body.eligibility ?? []).forEach((rule, i) => {
      try {
        compileRule(rule.rule);
      } catch (error) {
        errors.push({ field: `eligibility.${i}.rule`, message: `does not parse: ${(error as Error).message}` });
      }
    });
    for (const [field, path] of Object.entries(body.prefill ?? {})) {
      if (typeof path !== 'string' || !/^person(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(path)) {
        errors.push({ field: `prefill.${field}`, message: 'a path into the person, such as person.displayName.lo' });
      }
    }
    const types = (body.documents ?? []).map((d) => d.type);
    if (new Set(types).size !== types.length) errors.push({ field: 'documents', message: 'each document type once' });
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'REGISTRATION.INVALID_SERVICE',
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
  }

  private assertMinistry(caller: Caller, ministry: string) {
    if (!scopeCovers(caller, { ministry })) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'REGISTRATION.OTHER_MINISTRY',
        `Services of ${ministry} are published by that ministry.`,
      );
    }
  }

  /** Publishes a new service (version 1), or a new version of `existingCode`. */
  async publish(body: ServiceDto, caller: Caller, existingCode?: string): Promise<PublicService> {
    this.check(body);
    this.assertMinistry(caller, body.ministry);
    if (existingCode && existingCode !== body.code) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'REGISTRATION.CODE_MISMATCH',
        `A new version keeps the code ${existingCode}.`,
        [{ field: 'code', message: `expected ${existingCode}` }],
      );
    }
    const published = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('registration.service:' || $1))`, [body.code]);
      const current = await manager.findOne(PublicService, { where: { code: body.code }, order: { version: 'DESC' } });
      if (!existingCode && current) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'REGISTRATION.SERVICE_EXISTS',
          `Service ${body.code} exists: PUT /registration/services/${body.code} adds a version.`,
        );
      }
      if (existingCode && !current) {
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          'REGISTRATION.SERVICE_NOT_FOUND',
          `No service ${existingCode}.`,
        );
      }
      if (current) this.assertMinistry(caller, current.ministry);
      if (current && !current.retiredAt)
        await manager.update(PublicService, { id: current.id }, { retiredAt: new Date() });
      const service = manager.create(PublicService, {
        id: randomUUID(),
        code: body.code,
        version: (current?.version ?? 0) + 1,
        name: body.name,
        description: body.description,
        ministry: body.ministry,
        unit: body.unit,
        formSchema: body.eForm.schema,
        formLayout: body.eForm.layout ?? {},
        prefill: body.prefill ?? {},
        documents: body.documents ?? [],
        eligibility: body.eligibility ?? [],
        feeAmount: body.fee ?? 0,
        processKey: body.processKey,
        slaWorkingDays: body.slaWorkingDays,
        createdBy: caller.sub,
        retiredAt: null,
      });
      return manager.save(service);
    });
    this.cache.clear(); // this replica sees its own change at once; others within CACHE_MS
    return published;
  }

  async retire(code: string, caller: Caller): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const service = await this.find(manager, code);
      this.assertMinistry(caller, service.ministry);
      await manager.update(PublicService, { code: service.code, retiredAt: IsNull() }, { retiredAt: new Date() });
    });
    this.cache.clear();
  }
}
