import { HttpException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { statusForCode } from './error-status';
import { OUTAGE_CODE, outageOf, unavailableBehind } from './outage';

/** What the problem+json filter needs to know about any thrown value. */
export interface ClassifiedError {
  status: number;
  code: string;
  message: string;
  /** Raised on purpose (a DomainError, a 4xx): its message is safe to show a client. */
  expected: boolean;
  extensions?: Record<string, unknown>;
  /** The database's SQLSTATE when PostgreSQL refused a value that validation let through. */
  rejectedBy?: string;
  /** Why a service the request needed was unreachable, for the log (the client gets a 503). */
  outage?: string;
}

const CODE_BY_HTTP_STATUS: Record<number, string> = {
  400: 'REQUEST.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  413: 'REQUEST.PAYLOAD_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
  503: 'SERVICE.UNAVAILABLE',
};

const INVALID_VALUE = {
  code: 'REQUEST.INVALID_VALUE',
  message:
    'a value in the request cannot be stored or compared (a NUL character, a number out of range, or a text too long once normalized)',
};
const UNAVAILABLE = {
  code: OUTAGE_CODE,
  message: 'a service this request needs is unavailable for the moment; try again shortly',
};
const CONFLICT = {
  code: 'REQUEST.CONFLICT',
  message: 'the request conflicts with data stored meanwhile (a value taken, or a record gone); try again',
};

export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof DomainError) {
    // An error raised for an outage (a step that could not finish) logs what was unreachable.
    const outage = unavailableBehind(error);
    return {
      status: statusForCode(error.code),
      code: error.code,
      message: error.message,
      expected: true,
      extensions: error.details,
      ...(outage === null ? {} : { outage }),
    };
  }
  if (error instanceof HttpException) return classifyHttpException(error);
  const outage = outageOf(error);
  if (outage !== null) return { ...UNAVAILABLE, status: 503, expected: true, outage };
  const sqlState = refusedSqlState(error);
  if (sqlState !== null) {
    const refusal = isConflict(sqlState) ? CONFLICT : INVALID_VALUE;
    return { ...refusal, status: statusForCode(refusal.code), expected: true, rejectedBy: sqlState };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, code: 'INTERNAL', message, expected: false };
}

function classifyHttpException(error: HttpException): ClassifiedError {
  const status = error.getStatus();
  const code = CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.BAD_REQUEST');
  const response = error.getResponse();
  const raw =
    typeof response === 'object' && response && 'message' in response ? response.message : error.message;
  const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
  return { status, code, message, expected: status < 500 };
}

/**
 * The SQLSTATE of a query PostgreSQL refused because of a value from the request that validation
 * should have caught: class 22 (data exception: `invalid byte sequence` for a NUL, `out of range`,
 * `invalid input syntax`) and the integrity violations of class 23 (a CHECK or NOT NULL the value
 * breaks, a unique value or a referenced row another request changed meanwhile). Null for any other
 * failure. The client never sees the database's message; the filter logs the SQLSTATE as a gap.
 */
function refusedSqlState(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'QueryFailedError') return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code) ? code : null;
}

/** unique_violation and foreign_key_violation: the stored data changed, not the value's form. */
function isConflict(sqlState: string): boolean {
  return sqlState === '23505' || sqlState === '23503';
}
