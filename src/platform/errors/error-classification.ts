import { HttpException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { statusForCode } from './error-status';

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
}

const CODE_BY_HTTP_STATUS: Record<number, string> = {
  400: 'REQUEST.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.PAYLOAD_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
  503: 'SERVICE.UNAVAILABLE',
};

export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof DomainError) {
    return {
      status: statusForCode(error.code),
      code: error.code,
      message: error.message,
      expected: true,
      extensions: error.details,
    };
  }
  if (error instanceof HttpException) return classifyHttpException(error);
  if (isRejectedValue(error)) {
    return {
      status: 400,
      code: 'REQUEST.INVALID_VALUE',
      message:
        'a value in the request cannot be stored or compared (a NUL character, or a number out of range)',
      expected: true,
      rejectedBy: (error as { code: string }).code,
    };
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
 * PostgreSQL's class 22 (data exception: `invalid byte sequence` for a NUL, `out of range`,
 * `invalid input syntax`) raised by a query: a value from the request that validation should have
 * caught. The client gets a 400, never the database's message; the filter logs it as a gap.
 */
function isRejectedValue(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'QueryFailedError') return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
