import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ArrayContains, DataSource, IsNull, type EntityManager } from 'typeorm';
import { Catalogue, CatalogueChanges, type Page } from '../application/ports';
import type { KnownOrganisation, KnownProcess, ServiceDefinition, ServiceVersion } from '../domain';
import { PublicService, RegisteredOrganisation, WorkflowProcess } from './registration.entities';

/** The catalogue's versions inside one transaction, serialised per service code. */
export class CatalogueTx implements CatalogueChanges {
  constructor(private readonly manager: EntityManager) {}

  /** Holds the service code until the transaction ends: versions of one service are made one at a time. */
  async lockCode(code: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('registration.service:' || $1))`, [code]);
  }

  process(key: string): Promise<KnownProcess | null> {
    return this.manager.findOneBy(WorkflowProcess, { key });
  }

  organisation(code: string): Promise<KnownOrganisation | null> {
    return this.manager.findOneBy(RegisteredOrganisation, { code });
  }

  latest(code: string): Promise<PublicService | null> {
    return this.manager.findOne(PublicService, { where: { code }, order: { version: 'DESC' } });
  }

  async retire(code: string): Promise<void> {
    await this.manager.update(PublicService, { code, retiredAt: IsNull() }, { retiredAt: new Date() });
  }

  add(definition: ServiceDefinition, version: number, createdBy: string): Promise<PublicService> {
    return this.manager.save(
      this.manager.create(PublicService, {
        id: randomUUID(),
        code: definition.code,
        version,
        name: definition.name,
        description: definition.description,
        ministry: definition.ministry,
        unit: definition.unit,
        topics: [...new Set(definition.topics ?? [])],
        formSchema: definition.eForm.schema,
        formLayout: definition.eForm.layout ?? {},
        prefill: definition.prefill ?? {},
        documents: definition.documents ?? [],
        eligibility: definition.eligibility ?? [],
        feeAmount: definition.fee ?? 0,
        processKey: definition.processKey,
        slaWorkingDays: definition.slaWorkingDays,
        alertEmail: definition.alertEmail ?? null,
        createdBy,
        retiredAt: null,
      }),
    );
  }

  find(serviceId: string, includeRetired: boolean) {
    return findService(this.manager, serviceId, includeRetired);
  }
}

/** A version by id, or the current version by code (retired ones only when asked); null when there is none. */
async function findService(
  manager: EntityManager,
  serviceId: string,
  includeRetired: boolean,
): Promise<ServiceVersion | null> {
  const service = isUUID(serviceId)
    ? await manager.findOneBy(PublicService, { id: serviceId })
    : await manager.findOne(PublicService, {
        where: { code: serviceId, ...(includeRetired ? {} : { retiredAt: IsNull() }) },
        order: { version: 'DESC' },
      });
  return service && (includeRetired || !service.retiredAt) ? service : null;
}

/** How long a replica keeps a looked-up service: a new version or a retirement takes effect within this. */
const CACHE_MS = 2_000;

/** The service catalogue in PostgreSQL, with a moment's cache for the submission path. */
@Injectable()
export class CatalogueRepository implements Catalogue {
  private readonly cache = new Map<string, { at: number; service: Promise<ServiceVersion | null> }>();

  constructor(private readonly dataSource: DataSource) {}

  find(serviceId: string, includeRetired: boolean): Promise<ServiceVersion | null> {
    return findService(this.dataSource.manager, serviceId, includeRetired);
  }

  /** find(…, true), remembered for a moment: the submission path reads the same few services thousands of times. */
  cached(serviceId: string): Promise<ServiceVersion | null> {
    const hit = this.cache.get(serviceId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.service;
    const service = this.find(serviceId, true);
    if (this.cache.size > 1_000) this.cache.clear();
    this.cache.set(serviceId, { at: Date.now(), service });
    service.then(
      (found) => found || this.cache.delete(serviceId),
      () => this.cache.delete(serviceId),
    );
    return service;
  }

  /** Runs catalogue changes in one transaction; this replica's cache forgets what it knew afterwards. */
  async transaction<T>(work: (tx: CatalogueTx) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction((manager) => work(new CatalogueTx(manager)));
    } finally {
      this.cache.clear(); // this replica sees its own change at once; others within CACHE_MS
    }
  }

  /** The current versions, by code; of one ministry when asked. */
  current(page: Page, filter: { ministry?: string; topic?: string } = {}): Promise<[ServiceVersion[], number]> {
    return this.dataSource.getRepository(PublicService).findAndCount({
      where: {
        retiredAt: IsNull(),
        ...(filter.ministry ? { ministry: filter.ministry } : {}),
        ...(filter.topic ? { topics: ArrayContains([filter.topic]) } : {}),
      },
      order: { code: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
  }

  /** Every version of a service, newest first. */
  versions(code: string): Promise<ServiceVersion[]> {
    return this.dataSource.getRepository(PublicService).find({ where: { code }, order: { version: 'DESC' } });
  }
}
