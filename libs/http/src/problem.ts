import { HttpException, HttpStatus } from '@nestjs/common';

/** RFC 9457 problem details, the body of every error response (`application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code, `<BLOCK>.<REASON>`, e.g. `PLATFORM.VALIDATION_FAILED`. */
  code: string;
  traceId?: string;
  errors?: { field: string; message: string }[];
}

export const PROBLEM_TYPE_BASE = 'https://onedoor.gov.la/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A problem body: its type and title follow from its code (`PLATFORM.NOT_FOUND`: `…/platform-not-found`, `Not found`). */
export function problemDetails(status: number, code: string, rest: Partial<ProblemDetails> = {}): ProblemDetails {
  const title = code
    .split('.')
    .pop()!
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
  return { type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replace(/[._]/g, '-')}`, title, status, code, ...rest };
}

/** Throw this to answer with a specific problem; its code becomes the problem type. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    detail: string,
    readonly errors?: ProblemDetails['errors'],
    /** Extension members of this problem type (RFC 9457 §3.2), e.g. the candidates of a likely duplicate. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail, status);
  }
}
