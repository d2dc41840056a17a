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
