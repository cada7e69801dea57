import type { BlocksClient } from '../platform/blocks.client';
import type { Application, Case, Organisation, Page, Summary, Topic } from '../platform/views';

/** A task on an application, as an office's queue lists it (the registration block's GovStack view). */
export interface OfficeTask {
  taskId: string;
  name?: string;
  assigneeId?: string;
  office?: string;
  created?: string;
  dueAt?: string;
  state?: string;
  fileId?: string;
  eFormId?: string;
  trackingCode: string;
  serviceId: string;
  serviceName: string;
  status: { code: string };
  data: Record<string, unknown>;
}

/** The same task as the workflow block keeps it: the outcomes it takes, who holds it, whether it was escalated. */
export interface WorkflowTask {
  id: string;
  name?: string;
  businessKey?: string;
  unit: string;
  role: string;
  outcomes: string[];
  state: string;
  assignee?: string;
  dueAt?: string;
  escalated: boolean;
}

/** The registration block's figures (GovStack statistics): counts by a key, and decisions against the target. */
export interface ApplicationStatistics {
  from: string;
  to: string;
  open: number;
  overdue: number;
  byService: { key: string; count: number }[];
  byStatus: { key: string; count: number }[];
  byOffice: { key: string; count: number }[];
  byProvince: { key: string; count: number }[];
  processing: { serviceCode: string; decided: number; averageDays: number; withinTarget: number; pastTarget: number }[];
}

/** A service as its administrators write it (the registration block's `ServiceDto`). */
export interface ServiceDefinition {
  code: string;
  name: { lo: string; en: string };
  description: { lo: string; en: string };
  ministry: string;
  unit: string;
  topics?: string[];
  eForm: { schema: Record<string, unknown>; layout?: Record<string, unknown> };
  prefill?: Record<string, string>;
  documents?: Record<string, unknown>[];
  eligibility?: { rule: string; message: { lo: string; en: string } }[];
  fee?: number;
  processKey: string;
  slaWorkingDays: number;
  alertEmail?: string;
}

/** A process definition as the workflow block lists it. */
export interface ProcessSummary {
  id: string;
  key: string;
  version: number;
  processDefinition: { name?: string; description?: string };
  slaWorkingDays?: number;
  createdAt: string;
}

/** A row of the routing table: (category, province, district) → the unit responsible. */
export interface RoutingRule {
  id: string;
  category: string;
  province?: string | null;
  district?: string | null;
  unit: string;
}

/** A row of the hotline's cases report. */
export interface CaseReportRow {
  key: string | null;
  received: number;
  open: number;
  answered: number;
  published: number;
  rejected: number;
  merged: number;
  reopened: number;
  appealed: number;
  answeredWithinTarget: number;
  overdue: number;
  medianDaysToAnswer: number | null;
}

/** A hotline case as an officer reads it (the feedback block's view, with its timeline). */
export interface OfficeCase extends Case {
  channel?: string;
  identity?: string;
  ministry?: string;
  unit?: string;
  mergedCases?: string[];
  summary?: PublicSummary;
}

/** A case's public summary (Lao, with English where written). */
export type PublicSummary = Summary;

export interface Duplicate {
  caseNumber: string;
  similarity: number;
  state: string;
  description: string;
  province?: string;
  district?: string;
  village?: string;
  receivedAt: string;
}

/** A caller's earlier case, found by the number they call from. */
export interface EarlierCase {
  caseNumber: string;
  kind: string;
  topic: string;
  state: string;
  status: string;
  receivedAt: string;
}

/** The personal data the feedback block found in a draft summary: which field, what kind, where. */
export interface PersonalDataFound {
  /** `summary.questionLo`, `summary.answerLo`, …; */
  field: string;
  kind: 'phone' | 'email' | 'id-number' | 'name';
  text: string;
  start: number;
  end: number;
}

/** The steps an officer takes on a hotline case (the feedback block's `POST /cases/{number}/{step}`). */
export const CASE_STEPS = [
  'triage',
  'reject',
  'merge',
  'assign',
  'startVerification',
  'handBack',
  'requestInformation',
  'recordFinding',
  'submitResponse',
  'returnResponse',
  'acceptResponse',
  'publish',
  'withholdPublication',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

const FIRST_PAGE = 100;

/**
 * What the officers' workspace asks of the platform, always with the officer's own token: the blocks decide what
 * the officer may see and do (their unit, their roles); the workspace holds nothing and has no way in of its own.
 */
export class Desk {
  constructor(private readonly blocks: BlocksClient) {}

  /** The office's open tasks on applications by deadline, earliest first (so the overdue ones lead); none last. */
  async tasks(token: string): Promise<OfficeTask[]> {
    const page = await this.blocks.call<Page<OfficeTask>>('registration', '/tasks', {
      token,
      query: { limit: FIRST_PAGE },
    });
    return [...page.items].sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
  }

  async task(token: string, id: string): Promise<{ task: OfficeTask; flow: WorkflowTask }> {
    const [task, flow] = await Promise.all([
      this.blocks.call<OfficeTask>('registration', `/tasks/${encodeURIComponent(id)}`, { token }),
      this.blocks.call<WorkflowTask>('workflow', `/tasks/${encodeURIComponent(id)}`, { token }),
    ]);
    return { task, flow };
  }

  /** The unit's tasks as the workflow block lists them (a supervisor: every task of the unit, whoever holds it). */
  async unitTasks(token: string): Promise<WorkflowTask[]> {
    return (await this.blocks.call<Page<WorkflowTask>>('workflow', '/tasks', { token, query: { limit: FIRST_PAGE } }))
      .items;
  }

  /** A supervisor gives the task to another officer of the unit, or to another unit. */
  reassign(token: string, id: string, to: { unit?: string; assignee?: string; comment?: string }, key: string) {
    return this.blocks.call('workflow', `/tasks/${encodeURIComponent(id)}/reassign`, {
      token,
      body: to,
      idempotencyKey: key,
    });
  }

  /** The applications' figures the officer may see (their ministry, and province if posted in one). */
  applicationStatistics(token: string, period: { from?: string; to?: string }): Promise<ApplicationStatistics> {
    return this.blocks.call<ApplicationStatistics>('registration', '/data/statistics', { token, query: period });
  }

  /** The hotline's cases report by a dimension, as JSON. */
  caseReport(token: string, by: string, period: { from?: string; to?: string }): Promise<CaseReportRow[]> {
    return this.blocks.call<CaseReportRow[]>('feedback', '/reports/cases', { token, query: { by, ...period } });
  }

  /** The same report as the feedback block writes it for a spreadsheet (CSV, UTF-8). */
  caseReportCsv(token: string, by: string, period: { from?: string; to?: string }) {
    const query = new URLSearchParams({ by, format: 'csv', ...period });
    return this.blocks.bytes('feedback', `/reports/cases?${query}`, { token });
  }

  /** A service's current definition as its ministry wrote it (prefill and eligibility rules included). */
  serviceDefinition(token: string, code: string): Promise<ServiceDefinition> {
    return this.blocks.call<ServiceDefinition>('registration', `/services/${encodeURIComponent(code)}/definition`, {
      token,
    });
  }

  /** Publishes a new service, or a new version of `code` (applications keep the version they were made under). */
  publishService(token: string, definition: ServiceDefinition, code: string | undefined, key: string) {
    return this.blocks.call<{ code: string; version: string }>(
      'registration',
      code ? `/services/${encodeURIComponent(code)}` : '/services',
      { token, method: code ? 'PUT' : 'POST', body: definition, idempotencyKey: key },
    );
  }

  /** The ministry's processes (latest versions), as the workflow block lists them to its administrators. */
  processes(token: string): Promise<ProcessSummary[]> {
    return this.blocks.call<ProcessSummary[]>('workflow', '/processes', { token, query: { limit: FIRST_PAGE } });
  }

  /**
   * A BPMN 2.0 document, checked by the workflow block before it keeps it: a new process, or (`existing`: its key)
   * a new version of one.
   */
  publishProcess(token: string, bpmn: string, existing: string | undefined, key: string) {
    return this.blocks.call<ProcessSummary>(
      'workflow',
      existing ? `/processes/${encodeURIComponent(existing)}` : '/processes',
      {
        token,
        method: existing ? 'PUT' : 'POST',
        body: { bpmn },
        idempotencyKey: key,
      },
    );
  }

  routingRules(token: string): Promise<RoutingRule[]> {
    return this.blocks.call<RoutingRule[]>('workflow', '/routing-rules', { token });
  }

  saveRoutingRule(token: string, rule: RoutingRule, key: string) {
    const { id, ...body } = rule;
    return this.blocks.call<RoutingRule>('workflow', `/routing-rules/${encodeURIComponent(id)}`, {
      token,
      method: 'PUT',
      body,
      idempotencyKey: key,
    });
  }

  deleteRoutingRule(token: string, id: string, key: string) {
    return this.blocks.call('workflow', `/routing-rules/${encodeURIComponent(id)}`, {
      token,
      method: 'DELETE',
      idempotencyKey: key,
    });
  }

  claim(token: string, id: string, key: string) {
    return this.blocks.call('workflow', `/tasks/${encodeURIComponent(id)}/claim`, {
      token,
      method: 'POST',
      idempotencyKey: key,
    });
  }

  /** Completes the task with an outcome and the officer's comment (the citizen reads a send-back's reason). */
  complete(token: string, id: string, outcome: string, comment: string | undefined, key: string) {
    return this.blocks.call('registration', `/tasks/${encodeURIComponent(id)}/complete`, {
      token,
      body: { data: { outcome, ...(comment && { comment }) } },
      idempotencyKey: key,
    });
  }

  application(token: string, fileId: string): Promise<Application> {
    return this.blocks.call<Application>('registration', `/applications/${encodeURIComponent(fileId)}`, { token });
  }

  /** A document's bytes and type, for the browser to show (the registration block checks who may read it). */
  document(token: string, id: string) {
    return this.blocks.bytes('registration', `/documents/${encodeURIComponent(id)}`, { token });
  }

  cases(token: string, state?: string): Promise<Page<OfficeCase>> {
    return this.blocks.call<Page<OfficeCase>>('feedback', '/cases', {
      token,
      query: { limit: FIRST_PAGE, state },
    });
  }

  case(token: string, number: string): Promise<OfficeCase> {
    return this.blocks.call<OfficeCase>('feedback', `/cases/${encodeURIComponent(number)}`, { token });
  }

  duplicates(token: string, number: string): Promise<Duplicate[]> {
    return this.blocks.call<Duplicate[]>('feedback', `/cases/${encodeURIComponent(number)}/duplicates`, { token });
  }

  step(token: string, number: string, step: CaseStep, body: Record<string, unknown>, key: string) {
    return this.blocks.call<OfficeCase>('feedback', `/cases/${encodeURIComponent(number)}/${step}`, {
      token,
      body,
      idempotencyKey: key,
    });
  }

  /** Saves the public summary's draft: answers the personal data the feedback block found in it. */
  draftSummary(token: string, number: string, summary: PublicSummary) {
    return this.blocks.call<{ summary: PublicSummary; personalData: PersonalDataFound[] }>(
      'feedback',
      `/cases/${encodeURIComponent(number)}/summary`,
      { token, method: 'PUT', body: summary },
    );
  }

  /** Records a 1516 call as a case: its number and PIN, to read back to the caller. */
  recordCall(token: string, call: Record<string, unknown>, key: string) {
    return this.blocks.call<OfficeCase & { pin?: string }>('feedback', '/calls', {
      token,
      body: call,
      idempotencyKey: key,
    });
  }

  earlierCases(token: string, phone: string, lang: string): Promise<EarlierCase[]> {
    return this.blocks.call<EarlierCase[]>('feedback', '/calls/earlier-cases', { token, query: { phone, lang } });
  }

  topics(): Promise<Topic[]> {
    return this.blocks.call<Topic[]>('feedback', '/topics');
  }

  /** The units a case may be routed to: every department, with its ministry (the identity block's register). */
  units(): Promise<Organisation[]> {
    return this.blocks.call<Organisation[]>('identity', '/organisations', { query: { kind: 'department' } });
  }
}
