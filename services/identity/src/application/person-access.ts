import type { Caller } from '@onedoor/contracts';
import { activeTraceId } from '@onedoor/observability';
import {
  auditActor,
  IdentityError,
  IdentityErrorCode,
  officerMaySee,
  personNotFound,
  type PersonRecord,
} from '../domain';
import type { PersonChanges } from './ports';

/** The person under a row lock, if the officer may see them (and, with `expectedVersion`, unchanged since read). */
export async function lockForChange(
  tx: PersonChanges,
  caller: Caller,
  id: string,
  expectedVersion?: number,
): Promise<PersonRecord> {
  const person = await tx.lock(id);
  if (!person || !officerMaySee(caller, person)) throw personNotFound();
  if (expectedVersion !== undefined && expectedVersion !== person.version) {
    throw new IdentityError(
      IdentityErrorCode.VERSION_MISMATCH,
      `The record changed since you read it (now version ${person.version}); read it again.`,
    );
  }
  return person;
}

/** The caller as the audit trail records them, with the trace of this request. */
export const actorOf = (caller: Caller) => auditActor(caller, activeTraceId());
