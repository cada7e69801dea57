import { randomUUID } from 'node:crypto';
import type { Caller } from '@onedoor/contracts';
import { CivilServantAssigned, type Posting } from '@onedoor/contracts';
import {
  assertHrFor,
  civilServantNotFound,
  hrMaySee,
  IdentityError,
  IdentityErrorCode,
  postingColumns,
  postingOf,
  type CivilServantRecord,
} from '../domain';
import type { CivilServantChanges, ReferenceCodes } from './ports';

/** A posting as HR gives it. */
export type PostingInput = Omit<Posting, 'departmentCode'> & { departmentCode?: string };

/** The civil servant under a row lock, if the HR officer may see and manage them. */
export async function lockManaged(tx: CivilServantChanges, caller: Caller, personId: string) {
  const record = await tx.lockByPerson(personId);
  if (!record || !hrMaySee(caller, record)) throw civilServantNotFound();
  assertHrFor(caller, record.ministryCode);
  return record;
}

/** Refuses a posting whose ministry, department or province the reference data does not know. */
export async function assertPostingKnown(codes: ReferenceCodes, posting: PostingInput, prefix: string) {
  const errors = [
    ...(await codes.postingErrors(posting.ministryCode, posting.departmentCode)),
    ...(await codes.addressErrors({ provinceCode: posting.provinceCode })),
  ].map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
  if (errors.length) {
    throw new IdentityError(IdentityErrorCode.UNKNOWN_CODE, errors.map((e) => e.message).join('; '), errors);
  }
}

/** A new assignment from `effectiveFrom`, and civil-servant.assigned (with `from`, the posting it ends). */
export async function startAssignment(
  tx: CivilServantChanges,
  caller: Caller,
  record: CivilServantRecord,
  posting: PostingInput,
  effectiveFrom: string,
  reason: string,
  from?: Posting,
) {
  const assignment = {
    id: randomUUID(),
    personId: record.personId,
    ...postingColumns(posting),
    effectiveFrom,
    endedOn: null,
    reason,
    recordedBy: caller.sub,
  };
  await tx.addAssignment(assignment);
  await tx.publish(CivilServantAssigned, {
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
