import { BlockError } from '@onedoor/application';

/** Every refusal of the feedback block. */
export enum FeedbackErrorCode {
  VALIDATION_FAILED = 'PLATFORM.VALIDATION_FAILED',
  FORBIDDEN = 'PLATFORM.FORBIDDEN',
  /** The case is not in a state where this step can be taken (with the state it is in). */
  NOT_NOW = 'FEEDBACK.NOT_NOW',
  /** A step that needs what was not given: a reason, a finding's explanation, corrective actions and evidence. */
  INCOMPLETE = 'FEEDBACK.INCOMPLETE',
  /** Reopening or appealing after the window for it closed. */
  WINDOW_CLOSED = 'FEEDBACK.WINDOW_CLOSED',
  /** No case with this number (or id) that the caller may see; a wrong PIN answers the same. */
  CASE_NOT_FOUND = 'FEEDBACK.CASE_NOT_FOUND',
  /** A topic the taxonomy does not have. */
  UNKNOWN_TOPIC = 'FEEDBACK.UNKNOWN_TOPIC',
  /** A province, district or village the identity block does not register, or not within the place above it. */
  UNKNOWN_PLACE = 'FEEDBACK.UNKNOWN_PLACE',
  /** A unit that is not a registered office of the ministry named. */
  UNKNOWN_UNIT = 'FEEDBACK.UNKNOWN_UNIT',
  /** Identified and confidential cases are submitted signed in as the citizen. */
  SIGN_IN_REQUIRED = 'FEEDBACK.SIGN_IN_REQUIRED',
  /** A public summary that still carries personal data (each match named): redact it first. */
  PERSONAL_DATA = 'FEEDBACK.PERSONAL_DATA',
  /** Not a decided application of the caller's: nothing to rate. */
  NOT_RATEABLE = 'FEEDBACK.NOT_RATEABLE',
  /** Rated before: once per application. */
  ALREADY_RATED = 'FEEDBACK.ALREADY_RATED',
  /** Too many wrong PINs from this address or for this case: wait. */
  TOO_MANY_ATTEMPTS = 'FEEDBACK.TOO_MANY_ATTEMPTS',
  /** Open311: a submission without an API key in force. */
  INVALID_API_KEY = 'FEEDBACK.INVALID_API_KEY',
  /** No Open311 key with this id in force. */
  KEY_NOT_FOUND = 'FEEDBACK.KEY_NOT_FOUND',
  /** Open311: no service (topic) with this code. */
  SERVICE_NOT_FOUND = 'FEEDBACK.SERVICE_NOT_FOUND',
  /** An inbound SMS not signed with the gateway's secret (or none is configured). */
  BAD_SIGNATURE = 'FEEDBACK.BAD_SIGNATURE',
  /** An attachment that is none of the accepted formats, read from its content (PDF, PNG, JPEG, WebP, TIFF). */
  UNSUPPORTED_ATTACHMENT = 'FEEDBACK.UNSUPPORTED_ATTACHMENT',
  /** An attachment over the size limit. */
  ATTACHMENT_TOO_LARGE = 'FEEDBACK.ATTACHMENT_TOO_LARGE',
  /** A case has as many attachments as it may. */
  TOO_MANY_ATTACHMENTS = 'FEEDBACK.TOO_MANY_ATTACHMENTS',
  /** Too many cases from one source (address, phone, person, Open311 key) within the hour: wait. */
  TOO_MANY_SUBMISSIONS = 'FEEDBACK.TOO_MANY_SUBMISSIONS',
}

export class FeedbackError extends BlockError<FeedbackErrorCode> {}
