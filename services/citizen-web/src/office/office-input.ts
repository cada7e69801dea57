import { formText, inputText, isCalendarDay } from '../api/input';
import type { Lang } from '../i18n/messages';
import type { ApplicationStatistics, ServiceDefinition, WorkflowTask } from './desk';
import { ot, type OfficeKey } from './office-messages';
import type { ServiceForm } from './services-pages';

/*
 * What the workspace's forms and queries mean, before any block is called: pure functions, tested on their own.
 */

const JSON_FIELDS = ['schema', 'layout', 'documents', 'prefill', 'eligibility'] as const;

/** The editor's form as posted (its code fixed for a new version). */
export function serviceFormOf(body: Record<string, unknown>, existing?: string): ServiceForm {
  const topics = Array.isArray(body.topics) ? body.topics : body.topics === undefined ? [] : [body.topics];
  return {
    code: existing ?? formText(body, 'code', 50),
    nameLo: formText(body, 'nameLo', 200),
    nameEn: formText(body, 'nameEn', 200),
    descriptionLo: formText(body, 'descriptionLo', 2_000),
    descriptionEn: formText(body, 'descriptionEn', 2_000),
    unit: formText(body, 'unit', 32).toUpperCase(),
    topics: topics
      .map((topic) => inputText(topic, 50) ?? '')
      .filter((topic) => topic)
      .slice(0, 5),
    fee: formText(body, 'fee', 12),
    slaWorkingDays: formText(body, 'slaWorkingDays', 4),
    processKey: formText(body, 'processKey', 100),
    alertEmail: formText(body, 'alertEmail', 200),
    schema: formText(body, 'schema', 64_000),
    layout: formText(body, 'layout', 64_000),
    documents: formText(body, 'documents', 16_000),
    prefill: formText(body, 'prefill', 8_000),
    eligibility: formText(body, 'eligibility', 16_000),
  };
}

/** The definition the registration block takes, or which JSON fields do not parse (it checks the rest itself). */
export function definitionOf(
  form: ServiceForm,
  ministry: string,
  lang: Lang,
): { definition?: ServiceDefinition; errors: Record<string, string> } {
  const parsed: Partial<Record<(typeof JSON_FIELDS)[number], unknown>> = {};
  const errors: Record<string, string> = {};
  for (const field of JSON_FIELDS) {
    try {
      parsed[field] = JSON.parse(form[field] || (field === 'documents' || field === 'eligibility' ? '[]' : '{}'));
    } catch {
      errors[field] = ot(lang, 'notJsonField', { field: ot(lang, FIELD_LABELS[field]) });
    }
  }
  if (Object.keys(errors).length) return { errors };
  const fee = Number.parseInt(form.fee || '0', 10);
  return {
    errors,
    definition: {
      code: form.code,
      name: { lo: form.nameLo, en: form.nameEn },
      description: { lo: form.descriptionLo, en: form.descriptionEn },
      ministry,
      unit: form.unit,
      topics: form.topics,
      eForm: { schema: parsed.schema as Record<string, unknown>, layout: parsed.layout as Record<string, unknown> },
      prefill: parsed.prefill as Record<string, string>,
      documents: parsed.documents as Record<string, unknown>[],
      eligibility: parsed.eligibility as ServiceDefinition['eligibility'],
      fee: Number.isNaN(fee) ? undefined : fee,
      processKey: form.processKey,
      slaWorkingDays: Number.parseInt(form.slaWorkingDays, 10),
      ...(form.alertEmail && { alertEmail: form.alertEmail }),
    },
  };
}

const FIELD_LABELS: Record<(typeof JSON_FIELDS)[number], OfficeKey> = {
  schema: 'schema',
  layout: 'layout',
  documents: 'documentsJson',
  prefill: 'prefillJson',
  eligibility: 'eligibilityJson',
};

/** The period asked for: days as YYYY-MM-DD (anything else is left out: the block's default period). */
export function periodOf(query: Record<string, unknown>): { from?: string; to?: string } {
  const day = (value: unknown) => {
    const text = inputText(value, 20);
    return text && isCalendarDay(text) ? text : undefined;
  };
  const from = day(query.from);
  const to = day(query.to);
  return from && to && from > to ? {} : { ...(from && { from }), ...(to && { to }) };
}

/** A code's name from reference data (Lao or English), else the code. */
export const areaName = (lang: Lang, list: { code: string; nameLo: string; nameEn: string }[], code: string) => {
  const found = list.find((item) => item.code === code);
  return found ? (lang === 'en' ? found.nameEn : found.nameLo) : code;
};

/** The unit's open tasks by who holds them (no one first), with how many are overdue. */
export function loadOf(tasks: WorkflowTask[]) {
  const open = tasks.filter((task) => task.state === 'open' || task.state === 'claimed');
  const holders = [...new Set(open.map((task) => task.assignee))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  return holders.map((holder) => {
    const theirs = open.filter((task) => task.assignee === holder);
    const overdue = theirs.filter((task) => task.dueAt && Date.parse(task.dueAt) < Date.now()).length;
    return { holder, open: theirs.length, overdue };
  });
}

/** The statistics as one table for a spreadsheet: each count with its table, then each service's processing. */
export function statisticsRows(figures: ApplicationStatistics): Record<string, unknown>[] {
  const counts = (['byOffice', 'byService', 'byStatus', 'byProvince'] as const).flatMap((table) =>
    figures[table].map((row) => ({ table, key: row.key, count: row.count })),
  );
  const processing = figures.processing.map((row) => ({
    table: 'processing',
    key: row.serviceCode,
    count: row.decided,
    averageDays: row.averageDays,
    withinTarget: row.withinTarget,
    pastTarget: row.pastTarget,
  }));
  return [
    { table: 'open', key: '', count: figures.open },
    { table: 'overdue', key: '', count: figures.overdue },
    ...counts,
    ...processing,
  ];
}
