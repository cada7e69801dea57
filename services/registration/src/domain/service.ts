import { RegistrationError, RegistrationErrorCode } from './registration.error';

export interface Text {
  lo: string;
  en: string;
}

/** A document the service asks for: its type, whether it is required, how big, which formats. */
export interface RequiredDocument {
  type: string;
  name: Text;
  required: boolean;
  maxBytes: number;
  mediaTypes: string[];
}

/** A rule an applicant must meet: a Jexl expression over `form`, `person` and `today`, and why it failed. */
export interface EligibilityRule {
  rule: string;
  message: Text;
}

/**
 * What a service is about, as citizens look for it: the life events of the one-door centres' catalogue. A service
 * names one or more; the catalogue is browsed by them (`GET /registration/service-topics`, `GET /services?topic=`).
 */
export const SERVICE_TOPICS = [
  { code: 'business', name: { lo: 'ທຸລະກິດ ແລະ ການຄ້າ', en: 'Business and trade' } },
  { code: 'family', name: { lo: 'ຄອບຄົວ ແລະ ທະບຽນພົນລະເມືອງ', en: 'Family and civil status' } },
  { code: 'land-housing', name: { lo: 'ທີ່ດິນ ແລະ ທີ່ຢູ່ອາໄສ', en: 'Land and housing' } },
  { code: 'transport', name: { lo: 'ການຂົນສົ່ງ ແລະ ພາຫະນະ', en: 'Transport and vehicles' } },
  { code: 'education', name: { lo: 'ການສຶກສາ', en: 'Education' } },
  { code: 'health', name: { lo: 'ສາທາລະນະສຸກ', en: 'Health' } },
  { code: 'agriculture', name: { lo: 'ກະສິກຳ ແລະ ປ່າໄມ້', en: 'Agriculture and forestry' } },
  { code: 'work', name: { lo: 'ແຮງງານ ແລະ ການຈ້າງງານ', en: 'Work and employment' } },
  { code: 'tax-finance', name: { lo: 'ພາສີ ແລະ ການເງິນ', en: 'Tax and finance' } },
  { code: 'travel-identity', name: { lo: 'ເອກະສານປະຈຳຕົວ ແລະ ການເດີນທາງ', en: 'Identity documents and travel' } },
] as const satisfies readonly { code: string; name: Text }[];

export const SERVICE_TOPIC_CODES: readonly string[] = SERVICE_TOPICS.map((topic) => topic.code);

/** One version of a public service in the catalogue. A change is a new version; applications keep theirs. */
export interface ServiceVersion {
  id: string;
  code: string;
  version: number;
  name: Text;
  description: Text;
  /** The owning ministry and unit (administrative codes). */
  ministry: string;
  unit: string;
  /** What it is about: codes of SERVICE_TOPICS. */
  topics: string[];
  /** JSON Schema 2020-12 of the form. */
  formSchema: Record<string, unknown>;
  /** Rendering hints: field order, widgets, labels in Lao and English. */
  formLayout: Record<string, unknown>;
  /** Form fields the platform fills from what the identity block knows: `{ "fullName": "person.displayName.lo" }`. */
  prefill: Record<string, string>;
  documents: RequiredDocument[];
  eligibility: EligibilityRule[];
  /** In kip. */
  feeAmount: number;
  /** The workflow process that handles applications (its key in the workflow block). */
  processKey: string;
  slaWorkingDays: number;
  /** Where the ministry's administrators are told when an application to the service stalls (an e-mail address). */
  alertEmail: string | null;
  createdBy: string;
  createdAt: Date;
  /** Retired versions take no new applications. */
  retiredAt: Date | null;
}

/** A workflow process as the workflow block announced it (workflow.process.published / retired). */
export interface KnownProcess {
  key: string;
  version: number;
  /** The ministry whose administrators keep it; null for a national process any ministry's service may use. */
  ministry: string | null;
  /** The roles its tasks are given to. */
  roles: string[];
  retiredAt: Date | null;
}

/**
 * A service must name a process that runs: one the workflow block has published and not retired, of the service's
 * ministry or a national one. Otherwise every application to it would wait for a process that never starts.
 */
export function assertProcessUsable(process: KnownProcess | null, processKey: string, ministry: string): void {
  const why = !process
    ? 'the workflow block has no such process (publish it there first)'
    : process.retiredAt
      ? 'the process was retired in the workflow block'
      : process.ministry && process.ministry !== ministry
        ? `the process belongs to ${process.ministry}`
        : undefined;
  if (why) {
    throw new RegistrationError(RegistrationErrorCode.UNKNOWN_PROCESS, `processKey ${processKey}: ${why}.`, [
      { field: 'processKey', message: why },
    ]);
  }
}

/** A ministry or department, as the identity block registered it. */
export interface KnownOrganisation {
  code: string;
  kind: 'ministry' | 'department';
  parentCode: string | null;
}

/**
 * A service belongs to a ministry the register knows, and its unit is that ministry or one of its departments
 * (offices): a unit nobody is posted to would leave its applications with no one to answer for them.
 */
export function assertOrganisationsKnown(
  definition: { ministry: string; unit: string },
  ministry: KnownOrganisation | null,
  unit: KnownOrganisation | null,
): void {
  const errors = [
    ...(ministry?.kind === 'ministry'
      ? []
      : [{ field: 'ministry', message: `${definition.ministry} is not a ministry in the register` }]),
    ...(unit && (unit.code === definition.ministry || unit.parentCode === definition.ministry)
      ? []
      : [
          {
            field: 'unit',
            message: `${definition.unit} is not ${definition.ministry} or one of its departments in the register`,
          },
        ]),
  ];
  if (errors.length) {
    throw new RegistrationError(
      RegistrationErrorCode.UNKNOWN_UNIT,
      errors.map((e) => e.message).join('; ') + ' (organisations: PUT /identity/organisations/{code})',
      errors,
    );
  }
}
