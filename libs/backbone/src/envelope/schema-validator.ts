import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { EventContract } from '@onedoor/contracts';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`payload of ${eventType} does not match its schema: ${problems.join('; ')}`);
    this.name = 'EventValidationError';
  }
}

function validatorFor(contract: EventContract): ValidateFunction {
  let validate = compiled.get(contract.type);
  if (!validate) {
    validate = ajv.compile(contract.schema);
    compiled.set(contract.type, validate);
  }
  return validate;
}

/** Throws EventValidationError when `payload` does not match the contract's JSON Schema 2020-12. */
export function assertValidPayload(contract: EventContract, payload: unknown): void {
  const validate = validatorFor(contract);
  if (!validate(payload)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new EventValidationError(contract.type, problems);
  }
}
