import type { Caller } from '@onedoor/contracts';
import type { ApplicationStatus } from '@onedoor/contracts';
import { canRead, isOwner, RegistrationError, RegistrationErrorCode, type ApplicationRecord } from '../domain';
import type { ApplicationChanges } from './ports';

/** The application under a row lock, if the caller may read it; APPLICATION_NOT_FOUND otherwise (never "forbidden"). */
export async function lockReadable(tx: ApplicationChanges, id: string, caller: Caller): Promise<ApplicationRecord> {
  const application = await tx.lock(id);
  if (!application || !canRead(caller, application, await tx.routedUnits(id))) {
    throw new RegistrationError(RegistrationErrorCode.APPLICATION_NOT_FOUND, `No application ${id}.`);
  }
  return application;
}

/** Refuses anyone but the applicant or the counter that took the application; `what` ends the sentence. */
export function assertOwner(caller: Caller, application: ApplicationRecord, what: string): void {
  if (!isOwner(caller, application)) {
    throw new RegistrationError(
      RegistrationErrorCode.NOT_YOURS,
      `Only the applicant or the counter that took it ${what}.`,
    );
  }
}

/**
 * The application under a row lock, for a change its owner makes: not found for those who may not read it,
 * NOT_YOURS for readers who do not own it, and `refused` when its status does not allow the change.
 */
export async function lockForChange(
  tx: ApplicationChanges,
  id: string,
  caller: Caller,
  change: {
    /** What the owner does, ending "Only the applicant or the counter that took it …". */
    what: string;
    allowed: (status: ApplicationStatus) => boolean;
    refused: [RegistrationErrorCode, (status: ApplicationStatus) => string];
  },
): Promise<ApplicationRecord> {
  const application = await lockReadable(tx, id, caller);
  assertOwner(caller, application, change.what);
  if (!change.allowed(application.status)) {
    const [code, detail] = change.refused;
    throw new RegistrationError(code, detail(application.status));
  }
  return application;
}
