/** Log paths pino replaces with [Redacted]: credentials in headers and common secret fields. */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'csrfToken',
];

export const REDACTED_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.*.${field}`),
];

const SENSITIVE_QUERY_KEY = /token|key|password|secret|code|signature/i;

/** A URL fit for logs: values of query parameters that look like credentials are masked. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const key of [...params.keys()]) {
    if (SENSITIVE_QUERY_KEY.test(key)) params.set(key, '[Redacted]');
  }
  return `${url.slice(0, queryStart)}?${params.toString()}`;
}

/**
 * PostgreSQL ends some messages with the value it refused (`… for type integer: "…"`), and that value
 * may be a query parameter. A data exception (class 22) may quote it anywhere, in the server's
 * language: its message is withheld whole, the SQLSTATE says what kind it was.
 */
const ECHOED_VALUE = /: ".*"$/s;
const SQLSTATE = /^[0-9A-Z]{5}$/;
const STACK_FRAME = /^\s+at /;

/**
 * An error as logs show it: its type, message, SQLSTATE or errno code and stack, nothing else. Pino's
 * error serializer would copy every field, and a failed query carries its parameters (password and
 * token hashes among them); a value PostgreSQL quotes in its message is withheld too, from the
 * message and from the stack's first line. Log it under `error`, not `err`: pino's `err` serializer
 * would replace its type with `Object`.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  const message =
    typeof code === 'string' && SQLSTATE.test(code) ? databaseMessage(error.message, code) : error.message;
  return {
    type: error.name,
    message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: message === error.message ? error.stack : withMessage(error, message),
  };
}

function databaseMessage(message: string, sqlState: string): string {
  if (sqlState.startsWith('22'))
    return `data exception (SQLSTATE ${sqlState}); the message is withheld, it may quote a value`;
  return message.replace(ECHOED_VALUE, ': [value withheld]');
}

/** The stack's frames under a first line of our own: the original first lines hold the message. */
function withMessage(error: Error, message: string): string {
  const frames = (error.stack ?? '').split('\n').filter((line) => STACK_FRAME.test(line));
  return [`${error.name}: ${message}`, ...frames].join('\n');
}
