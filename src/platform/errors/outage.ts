/**
 * Recognising an outage (a server unreachable or gone away) among thrown values: the same test for
 * the problem+json filter, the adapters that pass outages on untouched, and the use cases that
 * report them (a tenant migration's outcome), so an outage never reads as a bug anywhere.
 */

/** The stable error code of an outage: the client may try again once the service is back. */
export const OUTAGE_CODE = 'SERVICE.UNAVAILABLE';

/** Socket failures reaching a server (Node's error codes). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 53300 (too many
 * connections), 57P01-57P03 (shutting down, crashed, starting).
 */
const UNAVAILABLE_SQL_STATE = /^(08[0-9A-Z]{3}|53300|57P0[123])$/;
/** node-postgres' own messages for a connection lost or never made. */
const LOST_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Whether the error says a server was unreachable or went away: see `outageOf`. */
export function isOutage(error: unknown): boolean {
  return outageOf(error) !== null;
}

/**
 * The message of an error that says a server was unreachable or went away (an outage, not a bug:
 * the request may succeed once it is back), or null. TypeORM keeps the driver's error beside its own.
 */
export function outageOf(error: unknown): string | null {
  // Not `instanceof Error`: socket errors may come from another realm (a test VM, a worker).
  if (typeof error !== 'object' || error === null) return null;
  const { message, driverError } = error as { message?: unknown; driverError?: unknown };
  if (typeof message !== 'string') return null;
  for (const candidate of [error, driverError]) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQL_STATE.test(code)))
      return message;
  }
  return LOST_CONNECTION.test(message) ? message : null;
}

/**
 * Whether `error` says a service was unavailable: an outage (above), or an error raised on purpose
 * for one (`SERVICE.UNAVAILABLE`, a Redis check that failed closed, say). A step that fails with
 * anything else failed for a reason a retry will not fix.
 */
export function isUnavailable(error: unknown): boolean {
  return isOutage(error) || (error as { code?: unknown } | null)?.code === OUTAGE_CODE;
}

/**
 * For the log: what was unavailable behind an error raised for it, following its causes (a
 * DomainError kept the driver's error as `cause`); the innermost message, or null without a cause.
 */
export function unavailableBehind(error: unknown): string | null {
  let cause = (error as { cause?: unknown } | null)?.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth += 1) {
    const outage = outageOf(cause);
    if (outage !== null) return outage;
    const inner = (cause as { cause?: unknown } | null)?.cause;
    if (inner === undefined) return cause instanceof Error ? cause.message : String(cause);
    cause = inner;
  }
  return null;
}
