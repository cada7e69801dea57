import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, schema } from '@onedoor/http';

/**
 * GovStack identity's request and answer envelopes: `{requestTime, request}` in, `{responseTime, response, errors}`
 * out, every answer 200, refusals as `errors[{errorCode, errorMessage}]` in each operation's codes.
 */

/** How far a request's `requestTime` may be from the block's clock. */
export const REQUEST_TIME_SKEW_MS = 5 * 60_000;

export type GovStackError = { errorCode: string; errorMessage: string };
export type Envelope<T> = { requestTime: string; request: T };
export type Checked<T> = { request: T } | { errors: GovStackError[] };

/**
 * The envelope checked as the documents say (class-validator over `type`, and `requestTime` within five minutes):
 * the request, or its errors, each in the code `codeFor` gives the field at fault.
 */
export async function checkEnvelope<T extends object>(
  type: new () => Envelope<T>,
  body: unknown,
  codeFor: (field: string | undefined) => string,
  more: (request: T) => { field: string; message: string }[] = () => [],
): Promise<Checked<T>> {
  const envelope = plainToInstance(type, body ?? {});
  const found = flattenValidationErrors(await validate(envelope, { whitelist: true }));
  const time = Date.parse(String((body as { requestTime?: unknown } | undefined)?.requestTime));
  if (!found.some((e) => e.field === 'requestTime') && !(Math.abs(Date.now() - time) <= REQUEST_TIME_SKEW_MS)) {
    found.push({ field: 'requestTime', message: 'the current date and time (ISO 8601), within five minutes' });
  }
  if (!found.length && envelope.request) found.push(...more(envelope.request));
  if (found.length) {
    return { errors: found.map((e) => ({ errorCode: codeFor(e.field), errorMessage: `${e.field}: ${e.message}` })) };
  }
  return { request: envelope.request };
}

/** The field's name inside `request` (`request.publicKey.kty` → `publicKey`). */
export const fieldName = (field: string | undefined) => field?.replace(/^request\./, '').split(/[.[]/)[0];

export const answer = <T>(response: T) => ({ responseTime: new Date().toISOString(), response, errors: [] });
export const refusal = (errorCode: string, errorMessage: string) => ({
  responseTime: new Date().toISOString(),
  errors: [{ errorCode, errorMessage }],
});
export const refused = (errors: GovStackError[]) => ({ responseTime: new Date().toISOString(), errors });

/** The answer's schema for the OpenAPI document: `response` (as given) or `errors`. */
export const answerSchema = (response: ReturnType<typeof schema.object>) =>
  schema.object(
    {
      responseTime: schema.dateTime,
      response,
      errors: schema.array(schema.object({ errorCode: schema.string(), errorMessage: schema.string() })),
    },
    ['response', 'errors'],
  );
