import { applyDecorators, Catch, Controller, Inject, UseFilters, type ArgumentsHost } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IdempotentReplay, ProblemDetailsFilter } from '@onedoor/http';
import type { Logger } from '@onedoor/observability';
import { LOGGER } from './block-definition';

/**
 * Where a block serves GovStack's API for its domain: `/<block>/govstack/...`, the paths of the GovStack document
 * below it. OneDoor's own API stays at `/<block>/...` with its conventions (ADR 0017).
 */
export const GOVSTACK_PATH = 'govstack';

export interface GovStackFace {
  /**
   * The status of a refusal of input (OneDoor's 400 and 422). 400 where the document names none; the messaging
   * document names 405 "Invalid input".
   */
  invalidInputStatus: number;
}

const DEFAULT_FACE: GovStackFace = { invalidInputStatus: 400 };

/** GovStack's `systemError` (registration's document; the others name no error body), plus the fields at fault. */
export const GOVSTACK_ERROR = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    traceId: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    localizedMessage: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/**
 * Every refusal of a GovStack route in GovStack's error shape (`systemError`: `{traceId, code, message,
 * localizedMessage}`, as `application/json`), with the status the block's GovStack document names. The code is
 * OneDoor's stable error code, as in its problem+json; unexpected errors are logged and answered 500 without
 * internals, as everywhere.
 */
@Catch()
export class GovStackErrorFilter extends ProblemDetailsFilter {
  /** The face's statuses (GovStackController makes a filter per face). */
  protected readonly face: GovStackFace = DEFAULT_FACE;

  constructor(@Inject(LOGGER) logger: Logger) {
    super(logger);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof IdempotentReplay) return super.catch(exception, host);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception, request);
    this.report(problem, exception, request, response);
    const status = problem.status === 400 || problem.status === 422 ? this.face.invalidInputStatus : problem.status;
    const message = problem.detail ?? problem.title;
    response.status(status).json({
      traceId: problem.traceId,
      code: problem.code,
      message,
      localizedMessage: message,
      ...(problem.errors?.length && { errors: problem.errors }),
    });
  }
}

/**
 * A controller of a block's GovStack face: served under `govstack/`, tagged GovStack in the block's OpenAPI
 * document, its refusals in GovStack's error shape (GovStackErrorFilter) and documented as such.
 */
export function GovStackController(face: Partial<GovStackFace> = {}): ClassDecorator {
  const options = { ...DEFAULT_FACE, ...face };
  @Catch()
  class FaceErrorFilter extends GovStackErrorFilter {
    protected override readonly face = options;
  }
  return applyDecorators(
    Controller(GOVSTACK_PATH),
    ApiTags('GovStack'),
    ApiBearerAuth(),
    UseFilters(FaceErrorFilter),
    ...[options.invalidInputStatus, 401, 403, 404, 409, 413, 415, 429].map((status) =>
      ApiResponse({
        status,
        description: "Refused, in GovStack's systemError shape",
        content: { 'application/json': { schema: GOVSTACK_ERROR } },
      }),
    ),
  );
}
