import { Cases1767300000000 } from './1767300000000-cases.migration';
import { Ratings1767400000000 } from './1767400000000-ratings.migration';
import { PinAttempts1767600000000 } from './1767600000000-pin-attempts.migration';
import { PlacesAndOffices1767700000000 } from './1767700000000-places-and-offices.migration';
import { Open3111767800000000 } from './1767800000000-open311.migration';
import { MergedCases1767900000000 } from './1767900000000-merged-cases.migration';
import { Notices1768000000000 } from './1768000000000-notices.migration';
import { SmsAndCalls1768100000000 } from './1768100000000-sms-and-calls.migration';
import { Attachments1768200000000 } from './1768200000000-attachments.migration';
import { AnswerSearch1768300000000 } from './1768300000000-answer-search.migration';
import { AnswerSearchFilters1768400000000 } from './1768400000000-answer-search-filters.migration';
import { MediaUrl1768600000000 } from './1768600000000-media-url.migration';
import { CasesBySubmitter1768700000000 } from './1768700000000-cases-by-submitter.migration';

/** The feedback block's own migrations, in order. The platform's tables (outbox, inbox, idempotency keys) come first. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const FEEDBACK_MIGRATIONS: Function[] = [
  Cases1767300000000,
  Ratings1767400000000,
  PinAttempts1767600000000,
  PlacesAndOffices1767700000000,
  Open3111767800000000,
  MergedCases1767900000000,
  Notices1768000000000,
  SmsAndCalls1768100000000,
  Attachments1768200000000,
  AnswerSearch1768300000000,
  AnswerSearchFilters1768400000000,
  MediaUrl1768600000000,
  CasesBySubmitter1768700000000,
];
