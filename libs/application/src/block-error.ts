/** A field a use case refused, with the reason (and, where a citizen reads it, the reason in Lao). */
export interface FieldError {
  field: string;
  message: string;
  lo?: string;
}

/**
 * What a use case refuses, in the words of its block: a code from the block's enum (`REGISTRATION.NOT_EDITABLE`),
 * a sentence for people, and the fields at fault. It says nothing of HTTP or Kafka: each adapter maps the code
 * (the API to a status, the event consumer to "retry" or "dead letter") with a table the compiler checks is
 * complete. Each block extends it once (`RegistrationError`) with its own code enum.
 */
export class BlockError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    detail: string,
    readonly errors?: FieldError[],
    /** Extension members of the problem (RFC 9457 §3.2), e.g. the candidates of a likely duplicate. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** The codes every block shares: a command that fails its own checks, a caller without the right. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'PLATFORM.VALIDATION_FAILED',
  FORBIDDEN = 'PLATFORM.FORBIDDEN',
  STORAGE_UNAVAILABLE = 'PLATFORM.STORAGE_UNAVAILABLE',
}

/** A command whose values break its own rules (Command.create). */
export class InvalidCommand extends BlockError<CommonErrorCode.VALIDATION_FAILED> {
  constructor(errors: FieldError[]) {
    super(CommonErrorCode.VALIDATION_FAILED, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}

/**
 * The document store cannot keep or give back bytes now (its volume full, unmounted or not answering): the caller
 * may retry; nothing of the request was recorded.
 */
export class StorageUnavailable extends BlockError<CommonErrorCode.STORAGE_UNAVAILABLE> {
  constructor(detail: string, cause?: unknown) {
    super(CommonErrorCode.STORAGE_UNAVAILABLE, detail);
    if (cause !== undefined) this.cause = cause;
  }
}

/** How an HTTP adapter answers each code of a block: a status per code, every code (the compiler checks). */
export type HttpStatusTable<C extends string> = { readonly [K in C]: number };

/**
 * How an event consumer treats each code of a block: `retry` (the cause may pass: another block has not caught
 * up yet) or `dead-letter` (the event will never succeed). Every code, as the compiler checks.
 */
export type EventFailureTable<C extends string> = { readonly [K in C]: 'retry' | 'dead-letter' };
