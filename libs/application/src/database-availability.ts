/** Connection errors that mean the database's server is not there (yet), or the way to it is not. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres's words for a connection lost, one never made, or no free connection in the pool in time. */
const LOST =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

/**
 * Whether an error means the database cannot serve now, though it may in a moment: unreachable, the connection
 * lost (SQLSTATE class 08), the server shutting down or starting up (class 57: an administrator's restart, a
 * crash's recovery), out of connections or other resources (class 53), or no free connection in the block's pool
 * within its wait. Not a wrong password (28P01), a missing database (3D000), a failed migration or a bad query:
 * waiting mends none of those. Looks through TypeORM's wrapper (`driverError`) and an error's `cause`.
 *
 * A starting block waits on these; a request that meets one is answered 503 with Retry-After, not 500.
 */
export function databaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE.has(code) || /^(08|57|53)/.test(code))) return true;
  if (typeof message === 'string' && LOST.test(message)) return true;
  return (
    (driverError !== error && databaseUnavailable(driverError, depth + 1)) ||
    (cause !== error && databaseUnavailable(cause, depth + 1))
  );
}
