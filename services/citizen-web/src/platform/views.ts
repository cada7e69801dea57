/** The blocks' answers as the app reads them (the fields it uses of the published schemas). */
export interface Text {
  lo?: string;
  en?: string;
}

export interface Service {
  /** The current version's number (the catalogue's view). */
  version?: string;
  id: string;
  code: string;
  names: Text;
  descriptions: Text;
  ministry: string;
  /** What it is about: codes of the registration block's service topics. */
  topics?: string[];
  isExecutable: boolean;
  documents: { type: string; name: Text; required: boolean; maxBytes: number; mediaTypes: string[] }[];
  fee: { amount: number; currency: 'LAK' };
  slaWorkingDays: number;
  eligibility: Text[];
  eFormId: string;
}

export interface EForm {
  eFormId: string;
  schema: Record<string, unknown>;
  layout?: Record<string, unknown>;
  prefill: string[];
}

export type ApplicationStatus = 'DRAFT' | 'PENDING' | 'SENDBACK' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

export interface Application {
  fileId: string;
  trackingCode: string;
  serviceId: string;
  serviceCode: string;
  status: { code: ApplicationStatus; reason?: string };
  ended: boolean;
  formData: { data: Record<string, unknown>; eFormId: string };
  office?: string;
  fee: { due: number; paid: boolean };
  registered?: string;
  expectedBy?: string;
  decidedAt?: string;
  created: string;
  updated: string;
  documents?: { id: string; type: string; mediaType: string; sizeBytes: number; uploadedAt: string }[];
  history?: { at: string; action: string; status: ApplicationStatus; office?: string; note?: string }[];
}

export interface Tracking {
  trackingCode: string;
  service?: Text;
  status: ApplicationStatus;
  reason?: string;
  office?: string;
  submittedAt?: string;
  expectedBy?: string;
  decidedAt?: string;
  history: { at: string; action: string; status: ApplicationStatus; office?: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Topic {
  code: string;
  nameLo: string;
  nameEn: string;
}

export interface Summary {
  questionLo: string;
  answerLo: string;
  questionEn?: string;
  answerEn?: string;
}

export interface Answer extends Summary {
  caseNumber: string;
  kind: string;
  topic: string;
  ministry?: string;
  province?: string;
  publishedAt: string;
}

export interface Case {
  caseNumber: string;
  kind: string;
  topic: string;
  description: string;
  state: string;
  finding?: 'UNFOUNDED' | 'FOUNDED' | 'PARTLY_FOUNDED';
  explanation?: string;
  actions?: { description: string; evidence?: string; completedAt?: string }[];
  answer?: Summary;
  mergedInto?: { caseNumber: string; state?: string; answer?: Summary };
  receivedAt: string;
  history?: {
    step: string;
    state: string;
    block: 'feedback' | 'workflow' | 'messaging';
    reason?: string;
    at: string;
  }[];
  pin?: string;
}

export interface InboxItem {
  id: string;
  /** How it reached the citizen: in the app, or by SMS or e-mail (the inbox keeps a copy). */
  channel?: 'in_app' | 'sms' | 'email';
  subject: string | null;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface Preferences {
  optedOut: boolean;
  preferredLanguage: 'lo' | 'en';
  preferredChannel: 'sms' | 'email';
}

export interface Person {
  phone?: string;
  preferredLanguage?: 'lo' | 'en';
}

export interface AdminArea {
  code: string;
  nameLo: string;
  nameEn: string;
}

export interface ServiceTopic {
  code: string;
  name: { lo: string; en: string };
}

export interface Organisation {
  code: string;
  kind: string;
  parentCode?: string | null;
  nameLo: string;
  nameEn: string;
}

/** A row of the hotline's public statistics: counts from 1 to 4 come suppressed (null). */
export interface PublicStatistic {
  key: string | null;
  received: number | null;
  answered: number | null;
  published: number | null;
  answeredWithinTarget: number | null;
  medianDaysToAnswer: number | null;
}
