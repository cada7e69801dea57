import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isUUID } from 'class-validator';
import { Jexl } from 'jexl';
import type { EntityManager } from 'typeorm';
import { valueAt } from '@onedoor/contracts';
import { KnownPerson, type EligibilityRule, type PublicService, type Text } from '../registration.entities';

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

export interface FieldError {
  field: string;
  message: string;
}

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
export function formErrors(service: Pick<PublicService, 'id' | 'formSchema'>, data: unknown): FieldError[] {
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
export function prefilled(service: Pick<PublicService, 'prefill'>, person: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(service.prefill)) {
    const value = valueAt({ person }, path);
    if (value !== undefined) values[field] = value;
  }
  return values;
}

/** What the identity block's events said about an applicant (an identity person id); undefined for anyone else. */
export async function knownPerson(
  manager: EntityManager,
  applicantId: string,
): Promise<Record<string, unknown> | undefined> {
  if (!isUUID(applicantId)) return undefined;
  return (await manager.findOneBy(KnownPerson, { personId: applicantId }))?.data;
}
