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
  createdBy: string;
  createdAt: Date;
  /** Retired versions take no new applications. */
  retiredAt: Date | null;
}
