import { UinRegistry1763800000000 } from './1763800000000-uin-registry.migration';
import { PeopleAndCivilServants1763900000000 } from './1763900000000-people-and-civil-servants.migration';
import { LikelyDuplicatesFunction1765400000000 } from './1765400000000-likely-duplicates-function.migration';
import { StaffAccounts1766100000000 } from './1766100000000-staff-accounts.migration';
import { Announcements1766900000000 } from './1766900000000-announcements.migration';
import { LinkedSignIn1768800000000 } from './1768800000000-linked-sign-in.migration';

/** The identity block's own migrations, in order. The platform's tables (outbox, inbox, idempotency keys) come first. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const IDENTITY_MIGRATIONS: Function[] = [
  UinRegistry1763800000000,
  PeopleAndCivilServants1763900000000,
  LikelyDuplicatesFunction1765400000000,
  StaffAccounts1766100000000,
  Announcements1766900000000,
  LinkedSignIn1768800000000,
];
