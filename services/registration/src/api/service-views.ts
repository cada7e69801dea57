import type { ServiceVersion } from '../domain';

/** GovStack's service, with the catalogue's details. */
export function serviceView(service: ServiceVersion) {
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
    topics: service.topics ?? [],
    eFormId: service.id,
    documents: service.documents,
    fee: { amount: service.feeAmount, currency: 'LAK' },
    processKey: service.processKey,
    slaWorkingDays: service.slaWorkingDays,
    alertEmail: service.alertEmail ?? undefined,
    eligibility: service.eligibility.map((rule) => rule.message),
    createdAt: service.createdAt,
    retired: service.retiredAt !== null,
  };
}

/** GovStack's eForm: a service version's JSON Schema and layout. */
export function eFormView(service: ServiceVersion) {
  return {
    eFormId: service.id,
    name: service.code,
    description: service.description.en,
    version: String(service.version),
    latest: service.retiredAt === null,
    schema: service.formSchema,
    layout: service.formLayout,
    prefill: Object.keys(service.prefill),
  };
}

/** A service version's definition as its administrators wrote it: what `PUT /services/{code}` takes back. */
export function definitionView(service: ServiceVersion) {
  return {
    code: service.code,
    name: service.name,
    description: service.description,
    ministry: service.ministry,
    unit: service.unit,
    topics: service.topics ?? [],
    eForm: { schema: service.formSchema, layout: service.formLayout },
    prefill: service.prefill,
    documents: service.documents,
    eligibility: service.eligibility,
    fee: service.feeAmount,
    processKey: service.processKey,
    slaWorkingDays: service.slaWorkingDays,
    ...(service.alertEmail && { alertEmail: service.alertEmail }),
  };
}
