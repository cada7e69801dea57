import { randomUUID } from 'node:crypto';
import type { Caller } from '@onedoor/contracts';
import type { IdempotencyClaim } from '@onedoor/http';
import { testBed, useCaseDatabase } from '@onedoor/testing';
import type { ServiceDefinition } from '../src/domain';
import { MemoryDocumentStorage } from '@onedoor/persistence';
import {
  ApplicationReadsRepository,
  TrackingAttemptsRepository,
} from '../src/persistence/application-reads.repository';
import { ApplicationsRepository } from '../src/persistence/applications.repository';
import { CatalogueRepository } from '../src/persistence/catalogue.repository';
import { REGISTRATION_MIGRATIONS } from '../src/persistence/migrations';
import { REGISTRATION_ENTITIES } from '../src/persistence/registration.entities';

/** The registration block's repositories on a scratch database of their own (see useCaseDatabase). */
export async function registrationUseCases() {
  const uc = await useCaseDatabase('registration', {
    entities: REGISTRATION_ENTITIES,
    migrations: REGISTRATION_MIGRATIONS,
  });
  // definition()'s process, as the workflow block's workflow.process.published made it known (national).
  await uc.dataSource.query(
    `INSERT INTO registration.processes (key, version, ministry, roles, updated_at) VALUES ('permit', 1, NULL, '[]', now())`,
  );
  // The ministries and departments the tests' services name, as identity.organisation.saved made them known.
  await uc.dataSource.query(
    `INSERT INTO registration.organisations (code, kind, parent_code, updated_at) VALUES
       ('MOIC', 'ministry', NULL, now()), ('MOH', 'ministry', NULL, now()), ('MOHA', 'ministry', NULL, now()),
       ('MOIC-DERM', 'department', 'MOIC', now()), ('MOH-DHR', 'department', 'MOH', now())`,
  );
  return {
    ...uc,
    applications: new ApplicationsRepository(uc.dataSource, uc.backbone, uc.idempotencyStore),
    catalogue: new CatalogueRepository(uc.dataSource),
    reads: new ApplicationReadsRepository(uc.dataSource),
    attempts: new TrackingAttemptsRepository(uc.dataSource),
    storage: new MemoryDocumentStorage(),
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
  // Another ministry's service belongs to that ministry itself (a unit is the ministry or one of its departments).
  unit: overrides.ministry && overrides.ministry !== 'MOIC' ? overrides.ministry : 'MOIC-DERM',
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

export { refusal } from '@onedoor/testing';

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
  // The person a counter applies for, as the identity block's person.enrolled made them known.
  const atCounter = randomUUID();
  await uc.inTransaction((tx) => uc.applications.within(tx).rememberPerson(atCounter, { personId: atCounter }));
  return {
    service,
    apply: (caller: Caller, options: { draft?: boolean; phone?: string; data?: Record<string, unknown> } = {}) =>
      submit.execute(
        SubmitApplication.create({
          serviceId: service.id,
          caller,
          applicantId: caller.roles.includes('registration.clerk') ? atCounter : undefined,
          phone: options.phone ?? '020 5555 0001',
          formData: { data: options.data ?? { businessName: 'Somphone' } },
          draft: options.draft,
        }),
      ),
  };
}

/** A test file's registration use cases (see testBed). */
export const registrationTestBed = <T extends object>(make: (uc: RegistrationUseCases) => Promise<T> | T) =>
  testBed(registrationUseCases, make);
