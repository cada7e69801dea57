import { randomUUID } from 'node:crypto';
import { EventPublisher, type EventBackbone } from '@onedoor/backbone';
import type { Caller } from '@onedoor/contracts';
import type { IdempotencyClaim } from '@onedoor/http';
import {
  createBlockDataSource,
  createPlatformTablesMigration,
  createScratchDatabase,
  migrateBlock,
  type ScratchDatabase,
} from '@onedoor/persistence';
import type { Transaction } from '../src/application/ports';
import type { ServiceDefinition } from '../src/domain';
import { MemoryDocumentStorage } from '../src/persistence/document-storage';
import {
  ApplicationReadsRepository,
  TrackingAttemptsRepository,
} from '../src/persistence/application-reads.repository';
import { ApplicationsRepository } from '../src/persistence/applications.repository';
import { CatalogueRepository } from '../src/persistence/catalogue.repository';
import { REGISTRATION_MIGRATIONS } from '../src/persistence/migrations';
import { REGISTRATION_ENTITIES } from '../src/persistence/registration.entities';

/**
 * The registration block's use cases against a real PostgreSQL database of their own, without HTTP or Kafka:
 * the block's repositories on a scratch database, migrated as the platform migrates it. Events stay in the
 * outbox, where a test reads them.
 */
export async function registrationUseCases() {
  const db: ScratchDatabase = await createScratchDatabase('registration_uc');
  const dataSource = createBlockDataSource({
    url: db.url,
    schema: 'registration',
    entities: REGISTRATION_ENTITIES,
    migrations: [createPlatformTablesMigration('registration'), ...REGISTRATION_MIGRATIONS],
    poolSize: 4,
  });
  await migrateBlock(dataSource, 'registration');
  const backbone = { publisher: new EventPublisher('registration', '/onedoor/registration') } as EventBackbone;
  const store = { schema: 'registration', run: (text: string, values: unknown[]) => dataSource.query(text, values) };
  return {
    db,
    applications: new ApplicationsRepository(dataSource, backbone, store),
    catalogue: new CatalogueRepository(dataSource),
    reads: new ApplicationReadsRepository(dataSource),
    attempts: new TrackingAttemptsRepository(dataSource),
    storage: new MemoryDocumentStorage(),
    /** The event types in the outbox, oldest first. */
    async outbox(): Promise<string[]> {
      return (await dataSource.query(`SELECT event_type FROM registration.outbox ORDER BY seq`)).map(
        (r: { event_type: string }) => r.event_type,
      );
    },
    /** Runs `work` in a transaction of its own, as the event consumer runs a handler in its transaction. */
    inTransaction: <T>(work: (tx: Transaction) => Promise<T>) => dataSource.transaction((manager) => work(manager)),
    sql: <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
      dataSource.query(text, params) as Promise<T[]>,
    async close() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

export type RegistrationUseCases = Awaited<ReturnType<typeof registrationUseCases>>;

export const citizen = (sub: string = randomUUID()): Caller => ({ sub, roles: ['citizen'] });
export const clerk = (sub = 'clerk-noy'): Caller => ({ sub, roles: ['registration.clerk'], unit: 'VTE-ODSC' });
export const ministryAdmin = (ministry = 'MOIC'): Caller => ({
  sub: `admin-${ministry}`,
  roles: ['registration.admin'],
  ministry,
});

export const claim = (key = randomUUID(), requestHash = 'h1'): IdempotencyClaim => ({
  scope: 'POST /registration/services/:serviceId/applications test',
  key,
  requestHash,
  status: 200,
});

/** A small service: one text field, an optional document, a fee. */
export const definition = (overrides: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
  code: `permit-${randomUUID().slice(0, 8)}`,
  name: { lo: 'ໃບອະນຸຍາດ', en: 'Permit' },
  description: { lo: 'ໃບອະນຸຍາດ', en: 'A permit' },
  ministry: 'MOIC',
  unit: 'MOIC-DERM',
  eForm: {
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['businessName'],
      properties: { businessName: { type: 'string', minLength: 2 } },
    },
  },
  documents: [
    {
      type: 'plan',
      name: { lo: 'ແຜນ', en: 'Plan' },
      required: false,
      maxBytes: 1_000,
      mediaTypes: ['application/pdf'],
    },
  ],
  fee: 50_000,
  processKey: 'permit',
  slaWorkingDays: 5,
  ...overrides,
});

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Expects `work` to fail with this block error code; returns the error. */
export async function refusal(work: Promise<unknown>, code: string): Promise<{ code: string; errors?: unknown[] }> {
  const error = (await work.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; errors?: unknown[] } | undefined;
  expect(error?.code).toBe(code);
  return error as { code: string; errors?: unknown[] };
}

/** Publishes a service (definition() with `overrides`) and returns a function that applies for it. */
export async function serviceToApplyFor(uc: RegistrationUseCases, overrides: Partial<ServiceDefinition> = {}) {
  const { PublishServiceHandler } = await import('../src/application/publish-service/publish-service.handler');
  const { PublishService } = await import('../src/application/publish-service/publish-service.command');
  const { SubmitApplicationHandler } = await import('../src/application/submit-application/submit-application.handler');
  const { SubmitApplication } = await import('../src/application/submit-application/submit-application.command');
  const service = await new PublishServiceHandler(uc.catalogue).execute(
    PublishService.create({ definition: definition(overrides), caller: ministryAdmin(overrides.ministry) }),
  );
  const submit = new SubmitApplicationHandler(uc.applications, uc.catalogue);
  return {
    service,
    apply: (caller: Caller, options: { draft?: boolean; phone?: string; data?: Record<string, unknown> } = {}) =>
      submit.execute(
        SubmitApplication.create({
          serviceId: service.id,
          caller,
          applicantId: caller.roles.includes('registration.clerk') ? 'applicant-at-counter' : undefined,
          phone: options.phone ?? '020 5555 0001',
          formData: { data: options.data ?? { businessName: 'Somphone' } },
          draft: options.draft,
        }),
      ),
  };
}

/**
 * A test file's scratch database, made before its tests and dropped after them, with what `make` builds on it
 * (handlers, a service to apply for): `bed.uc`, `bed.<what make returned>`, ready inside each test.
 */
export function testBed<T extends object>(
  make: (uc: RegistrationUseCases) => Promise<T> | T,
): { uc: RegistrationUseCases } & T {
  const bed = {} as { uc: RegistrationUseCases } & T;
  beforeAll(async () => {
    const uc = await registrationUseCases();
    Object.assign(bed, { uc }, await make(uc));
  });
  afterAll(() => bed.uc?.close());
  return bed;
}
