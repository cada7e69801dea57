import { hasRole, ROLES, scopeCovers, type ApplicationStatus, type Caller } from '@onedoor/contracts';

/** An application for a service, from draft to decision: the aggregate every use case of the block changes. */
export interface ApplicationRecord {
  id: string;
  /** Short, easy to read aloud and type, with a check character: what the citizen keeps. */
  trackingCode: string;
  serviceId: string;
  serviceCode: string;
  serviceVersion: number;
  applicantId: string;
  applicationName: string | null;
  /** The last four digits of the phone the citizen gave: the second factor for tracking without a login. */
  phoneLast4: string | null;
  channel: 'counter' | 'online';
  status: ApplicationStatus;
  formData: Record<string, unknown>;
  ministry: string;
  province: string | null;
  district: string | null;
  /** The office the application is at now (from the workflow block's routing and tasks). */
  unit: string | null;
  feeDue: number;
  feePaidAt: Date | null;
  feeReference: string | null;
  submittedAt: Date | null;
  /** When a decision is due: the service-level target in working days, from the workflow block. */
  expectedBy: Date | null;
  decidedAt: Date | null;
  /** The reason the office gave with the current status (what to correct after a send-back), if any. */
  statusReason: string | null;
  /**
   * When the workflow block could not run the application's process (it names no process, no routing rule matched,
   * an endpoint is gone), and why: nothing moves until an administrator restarts it. Null while it runs.
   */
  stalledAt: Date | null;
  stalledReason: string | null;
  revision: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The application's one status machine. DRAFT (saved, not submitted) → PENDING (submitted; the workflow block
 * works it) → SENDBACK (returned for correction) → PENDING again, until APPROVED or REJECTED; WITHDRAWN by the
 * applicant at any point before a decision. What each status allows is decided here and nowhere else.
 */
export const APPLICATION_STATUSES = {
  DRAFT: { correctable: true, takesDocuments: true, withdrawable: true, payable: false, ended: false },
  PENDING: { correctable: false, takesDocuments: true, withdrawable: true, payable: true, ended: false },
  SENDBACK: { correctable: true, takesDocuments: true, withdrawable: true, payable: true, ended: false },
  APPROVED: { correctable: false, takesDocuments: false, withdrawable: false, payable: true, ended: true },
  REJECTED: { correctable: false, takesDocuments: false, withdrawable: false, payable: false, ended: true },
  WITHDRAWN: { correctable: false, takesDocuments: false, withdrawable: false, payable: false, ended: true },
} as const satisfies Record<ApplicationStatus, Record<string, boolean>>;

/** The form may be changed (and the application submitted again): a draft, or an application sent back. */
export const isCorrectable = (status: ApplicationStatus) => APPLICATION_STATUSES[status].correctable;
/** Documents may be attached: until the decision (a counter may add one while the office works the case). */
export const takesDocuments = (status: ApplicationStatus) => APPLICATION_STATUSES[status].takesDocuments;
export const isWithdrawable = (status: ApplicationStatus) => APPLICATION_STATUSES[status].withdrawable;
/** A fee may be paid once submitted, unless the application was refused or withdrawn. */
export const isPayable = (status: ApplicationStatus) => APPLICATION_STATUSES[status].payable;
export const hasEnded = (status: ApplicationStatus) => APPLICATION_STATUSES[status].ended;
/** The decisions: the date is recorded against the service-level target. */
export const isDecision = (status: ApplicationStatus) => status === 'APPROVED' || status === 'REJECTED';

/** The statuses the workflow block may set (its process's status tasks); anything else is ignored. */
export function workflowStatus(value: string): ApplicationStatus | undefined {
  return (['PENDING', 'APPROVED', 'SENDBACK', 'REJECTED'] as const).find((s) => s === value);
}

/** Whether the workflow block's status change applies: a new status, and never to a withdrawn application. */
export function acceptsWorkflowStatus(application: Pick<ApplicationRecord, 'status'>, status: ApplicationStatus) {
  return application.status !== status && application.status !== 'WITHDRAWN';
}

/**
 * The applicant themself: a citizen login whose subject is the applicant. A staff login has a subject of its own and
 * never the citizen role (ADR 0013), so an officer who is also a citizen acts on their own application as a citizen.
 */
export function isApplicant(caller: Caller, application: Pick<ApplicationRecord, 'applicantId'>): boolean {
  return hasRole(caller, ROLES.citizen) && application.applicantId === caller.sub;
}

/** The applicant, or the counter clerk who took the application: the people who change it. */
export function isOwner(caller: Caller, application: Pick<ApplicationRecord, 'applicantId' | 'createdBy'>): boolean {
  return (
    isApplicant(caller, application) ||
    (hasRole(caller, ROLES.registrationClerk) && application.createdBy === caller.sub)
  );
}

/** Who may read an application: the applicant, the clerk who took it, officers it is routed to, ministry staff. */
export function canRead(
  caller: Caller,
  application: Pick<ApplicationRecord, 'applicantId' | 'createdBy' | 'ministry' | 'province' | 'unit'>,
  routedUnits: string[] = [],
): boolean {
  if (isOwner(caller, application)) return true;
  if (hasRole(caller, ROLES.platformOperator)) return true;
  // A ministry administrator or overseer: their ministry's applications (of their province, when their token names one).
  const administered = { ministry: application.ministry, province: application.province ?? undefined };
  if (
    hasRole(caller, ROLES.registrationAdmin, ROLES.registrationOverseer) &&
    scopeCovers({ ...caller, unit: undefined }, administered)
  )
    return true;
  if (!hasRole(caller, ROLES.registrationOfficer)) return false;
  // Every claim the token carries applies: a unit code is unique only within its ministry and province.
  const inScope = scopeCovers(
    { ...caller, unit: undefined },
    { ministry: application.ministry, province: application.province ?? undefined },
  );
  if (!inScope) return false;
  return !caller.unit || caller.unit === application.unit || routedUnits.includes(caller.unit);
}

/**
 * canRead as a filter for lists: the applications a caller sees, as the union of the same paths. A list and a
 * read by id never disagree, because both are written here, side by side (a change to one is a change to both).
 */
export interface ApplicationVisibility {
  /** Platform operators: every application. */
  all: boolean;
  /** A citizen: their own applications. */
  applicantId?: string;
  /** A counter clerk: the applications they took. */
  takenBy?: string;
  /** A ministry administrator or overseer: their ministry's, of their province when they have one (a claim not carried: all). */
  administered?: { ministry?: string; province?: string };
  /** An officer with a unit: applications at that unit or routed to it, within their ministry and province. */
  unit?: { unit: string; ministry?: string; province?: string };
  /** An officer without a unit: those of their ministry and province (a claim not carried is national reach). */
  scope?: { ministry?: string; province?: string };
}

export function applicationVisibility(caller: Caller): ApplicationVisibility {
  const officer = hasRole(caller, ROLES.registrationOfficer);
  return {
    all: hasRole(caller, ROLES.platformOperator),
    ...(hasRole(caller, ROLES.citizen) && { applicantId: caller.sub }),
    ...(hasRole(caller, ROLES.registrationClerk) && { takenBy: caller.sub }),
    ...(hasRole(caller, ROLES.registrationAdmin, ROLES.registrationOverseer) && {
      administered: { ministry: caller.ministry, province: caller.province },
    }),
    ...(officer &&
      caller.unit && { unit: { unit: caller.unit, ministry: caller.ministry, province: caller.province } }),
    ...(officer && !caller.unit && { scope: { ministry: caller.ministry, province: caller.province } }),
  };
}

/**
 * Who sees a task on an application: operators, and the officers of its unit within their ministry and province
 * (a unit code is unique only within them; the same rule as canRead). The task list applies it in SQL
 * (persistence: ApplicationReads.tasks).
 */
export function taskVisible(
  caller: Caller,
  task: { unit: string },
  application: Pick<ApplicationRecord, 'ministry' | 'province'> | undefined,
): boolean {
  if (hasRole(caller, ROLES.platformOperator)) return true;
  if (!caller.unit || caller.unit !== task.unit || !application) return false;
  return scopeCovers(
    { ...caller, unit: undefined },
    { ministry: application.ministry, province: application.province ?? undefined },
  );
}
