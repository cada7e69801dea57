import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Jexl } from 'jexl';
import { valueAt } from '@onedoor/contracts';
import type { FieldError } from '@onedoor/application';
import { RegistrationError, RegistrationErrorCode } from './registration.error';
import type { EligibilityRule, ServiceVersion, Text } from './service';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
const jexl = new Jexl();
const compiledRules = new Map<string, ReturnType<InstanceType<typeof Jexl>['compile']>>();

/** An eligibility rule, parsed once (parsing is most of an evaluation's cost). */
function compiledRule(rule: string) {
  let expression = compiledRules.get(rule);
  if (!expression) {
    expression = jexl.compile(rule);
    if (compiledRules.size > 10_000) compiledRules.clear();
    compiledRules.set(rule, expression);
  }
  return expression;
}

export type { FieldError };

/** Compiles an eForm's JSON Schema; throws with the reason when it is not a valid schema. */
export function compileFormSchema(schema: Record<string, unknown>): ValidateFunction {
  return ajv.compile(schema);
}

/** Checks an eligibility rule's expression parses; throws with the reason when it does not. */
export function compileRule(rule: string): void {
  compiledRule(rule);
}

const fieldOf = (error: ErrorObject) => {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  const child = missing ?? extra;
  return child ? (path ? `${path}.${child}` : child) : path || '(form)';
};

/** The form data's problems against the service version's eForm, each naming its field; empty when valid. */
export function formErrors(service: Pick<ServiceVersion, 'id' | 'formSchema'>, data: unknown): FieldError[] {
  let validate = validators.get(service.id);
  if (!validate) {
    validate = ajv.compile(service.formSchema);
    validators.set(service.id, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).slice(0, 50).map((error) => ({
    field: fieldOf(error),
    message:
      error.keyword === 'additionalProperties' ? 'is not a field of this form' : (error.message ?? 'is not valid'),
  }));
}

/** The eligibility rules the applicant does not meet, with their messages; a rule that fails to run counts as not met. */
export function unmetRules(
  rules: EligibilityRule[],
  context: { form: unknown; person: unknown; today: string },
): Text[] {
  const unmet: Text[] = [];
  for (const { rule, message } of rules) {
    let met = false;
    try {
      met = Boolean(compiledRule(rule).evalSync(context as Record<string, unknown>));
    } catch {
      met = false;
    }
    if (!met) unmet.push(message);
  }
  return unmet;
}

/** Once only: the form fields the platform fills from what the identity block knows about the applicant. */
export function prefilled(service: Pick<ServiceVersion, 'prefill'>, person: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(service.prefill)) {
    const value = valueAt({ person }, path);
    if (value !== undefined) values[field] = value;
  }
  return values;
}

/** Refuses form data that breaks the service version's eForm, or an applicant its eligibility rules leave out. */
export function assertFormAcceptable(
  service: Pick<ServiceVersion, 'id' | 'formSchema' | 'eligibility'>,
  data: Record<string, unknown>,
  person: unknown,
  today = new Date().toISOString().slice(0, 10),
): void {
  const errors = formErrors(service, data);
  if (errors.length) {
    throw new RegistrationError(
      RegistrationErrorCode.FORM_INVALID,
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
  const unmet = unmetRules(service.eligibility, { form: data, person: person ?? {}, today });
  if (unmet.length) {
    throw new RegistrationError(
      RegistrationErrorCode.NOT_ELIGIBLE,
      unmet.map((m) => m.en).join('; '),
      unmet.map((m) => ({ field: '(eligibility)', message: m.en, lo: m.lo })),
    );
  }
}

/**
 * The service's rules for a document of this type: a type it takes, within that type's size, in one of its formats
 * (`mediaType` as read from the content; undefined when none was recognised). Refusals name `field` when given;
 * the answer is the document as accepted.
 */
export function acceptedDocument(
  service: Pick<ServiceVersion, 'documents'>,
  type: string | undefined,
  sizeBytes: number,
  mediaType: string | undefined,
  field?: string,
) {
  const at = (message: string) => (field ? [{ field, message }] : undefined);
  const types = service.documents.map((d) => d.type);
  const spec = service.documents.find((d) => d.type === type);
  if (!spec) {
    throw new RegistrationError(
      RegistrationErrorCode.UNKNOWN_DOCUMENT_TYPE,
      `The service takes ${types.join(', ') || 'no documents'}.`,
      at(`one of ${types.join(', ')}`) ?? [{ field: 'type', message: `one of ${types.join(', ')}` }],
    );
  }
  if (sizeBytes > spec.maxBytes) {
    throw new RegistrationError(
      RegistrationErrorCode.DOCUMENT_TOO_LARGE,
      `A ${spec.type} is at most ${spec.maxBytes} bytes.`,
      at(`at most ${spec.maxBytes} bytes`),
    );
  }
  if (!mediaType || !spec.mediaTypes.includes(mediaType)) {
    throw new RegistrationError(
      RegistrationErrorCode.DOCUMENT_TYPE_NOT_ACCEPTED,
      `A ${spec.type} must be ${spec.mediaTypes.join(' or ')}; the content is ${mediaType ?? 'none of the accepted formats'}.`,
      at(spec.mediaTypes.join(' or ')),
    );
  }
  return { type: spec.type, mediaType };
}

/** Refuses a submission while a required document is missing (a service that needs documents starts as a draft). */
export function assertDocumentsPresent(service: Pick<ServiceVersion, 'documents'>, presentTypes: string[]): void {
  const missing = service.documents.filter((d) => d.required && !presentTypes.includes(d.type));
  if (missing.length) {
    throw new RegistrationError(
      RegistrationErrorCode.DOCUMENTS_MISSING,
      `Attach ${missing.map((d) => d.type).join(', ')} first (save a draft, attach, then submit).`,
      missing.map((d) => ({ field: `documents.${d.type}`, message: 'required' })),
    );
  }
}

const MAX_SCHEMA_BYTES = 64_000;

/** What a ministry publishes: a service's definition, before it is a version in the catalogue. */
export type ServiceDefinition = Pick<
  ServiceVersion,
  'code' | 'name' | 'description' | 'ministry' | 'unit' | 'processKey' | 'slaWorkingDays'
> & {
  eForm: { schema: Record<string, unknown>; layout?: Record<string, unknown> };
  prefill?: Record<string, string>;
  documents?: ServiceVersion['documents'];
  eligibility?: EligibilityRule[];
  fee?: number;
  alertEmail?: string;
  topics?: string[];
};

/** Refuses a service definition whose eForm, rules, prefill paths or document types are not usable. */
export function assertServiceDefinition(definition: ServiceDefinition): void {
  const errors: FieldError[] = [];
  if (JSON.stringify(definition.eForm.schema).length > MAX_SCHEMA_BYTES)
    errors.push({ field: 'eForm.schema', message: 'at most 64 kB' });
  else {
    try {
      compileFormSchema(definition.eForm.schema);
    } catch (error) {
      errors.push({ field: 'eForm.schema', message: `not a valid JSON Schema: ${(error as Error).message}` });
    }
    if (definition.eForm.schema.type !== 'object')
      errors.push({ field: 'eForm.schema.type', message: 'a form is an object' });
  }
  (definition.eligibility ?? []).forEach((rule, i) => {
    try {
      compileRule(rule.rule);
    } catch (error) {
      errors.push({ field: `eligibility.${i}.rule`, message: `does not parse: ${(error as Error).message}` });
    }
  });
  for (const [field, path] of Object.entries(definition.prefill ?? {})) {
    if (typeof path !== 'string' || !/^person(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(path)) {
      errors.push({ field: `prefill.${field}`, message: 'a path into the person, such as person.displayName.lo' });
    }
  }
  const types = (definition.documents ?? []).map((d) => d.type);
  if (new Set(types).size !== types.length) errors.push({ field: 'documents', message: 'each document type once' });
  if (errors.length) {
    throw new RegistrationError(
      RegistrationErrorCode.INVALID_SERVICE,
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
}
