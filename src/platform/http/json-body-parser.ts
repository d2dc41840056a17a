import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import {
  IllFormedTextError,
  MalformedJsonError,
  PayloadTooLargeError,
  TooDeeplyNestedJsonError,
  UnreadableBodyError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
  type FieldViolation,
} from '../errors/request-errors';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * No request body of ours nests deeper than a few levels. Validation walks bodies recursively, so a
 * small body nested thousands deep would overflow the stack there (a 500) before any rule ran.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Express' JSON parser with its errors turned into our stable codes before Nest sees them (Nest
 * would otherwise fold every parse failure into a generic 400), and parsed bodies that validation
 * must not see refused with them.
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, type: JSON_MEDIA_TYPES, strict: true });
  return (request: Request, response: Response, next: NextFunction) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8' && request.is(JSON_MEDIA_TYPES))
      return next(unreadable(request));
    if (Number(request.headers['content-length']) > limitBytes && request.is(JSON_MEDIA_TYPES)) {
      // Refused before reading: Express' parser would first read the whole declared body (which a
      // client may never send) and answer only then. The unread body ends the connection.
      response.setHeader('Connection', 'close');
      return next(new PayloadTooLargeError(limitBytes));
    }
    parse(request, response, (error?: unknown) => {
      if (error) return next(toRequestError(error, request, limitBytes));
      const fault = bodyFault(request.body, MAX_JSON_DEPTH);
      if (fault === 'too_deep') return next(new TooDeeplyNestedJsonError(MAX_JSON_DEPTH));
      if (fault === 'unpaired_surrogate') return next(new IllFormedTextError());
      const refused = refusedField(request.body);
      if (refused !== null) return next(new ValidationFailedError([refused]));
      next();
    });
  };
}

export type BodyFault = 'too_deep' | 'unpaired_surrogate';

export const NUL_MESSAGE = 'must not contain a NUL character';
/** Keys that name parts of JavaScript objects: validation would pass them by (not as unknown fields). */
const OBJECT_MACHINERY = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first field of a parsed body that no route may receive, with its path as validation writes
 * it (`roles.1`, `user.name`), or null: a string or key holding a NUL character (PostgreSQL stores
 * none: refused here by its field, rather than as a database refusal no one can trace to a field),
 * or a key such as `__proto__`, which validation does not report as an unknown field. Walked after
 * `bodyFault`, so not too deep.
 */
export function refusedField(value: unknown): FieldViolation | null {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string' && next.value.includes('\u0000'))
      return { path: next.path || '(body)', message: NUL_MESSAGE };
    if (typeof next.value !== 'object' || next.value === null) continue;
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (key.includes('\u0000')) return { path, message: NUL_MESSAGE };
      if (OBJECT_MACHINERY.has(key)) return { path, message: 'property should not exist' };
      pending.push({ value: child, path });
    }
  }
  return null;
}

/**
 * What makes a parsed body unfit for validation, walked without recursion: objects or arrays nested
 * more than `maxDepth` deep, or a string or key with an unpaired UTF-16 surrogate (JSON lets `"\ud800"`
 * through; it is no text, validators throw on it and PostgreSQL would store it altered).
 */
export function bodyFault(value: unknown, maxDepth: number): BodyFault | null {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string' && !next.value.isWellFormed()) return 'unpaired_surrogate';
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return 'too_deep';
    for (const [key, child] of Object.entries(next.value)) {
      if (!key.isWellFormed()) return 'unpaired_surrogate';
      pending.push({ value: child, depth });
    }
  }
  return null;
}

function toRequestError(error: unknown, request: Request, limitBytes: number): Error {
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  if (type === 'entity.parse.failed') return new MalformedJsonError();
  if (type === 'entity.too.large') return new PayloadTooLargeError(limitBytes);
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return unreadable(request);
  return new UnreadableBodyError();
}

/** A JSON body in a charset or content encoding we do not read is a media type we do not accept. */
function unreadable(request: Request): Error {
  const described = [request.headers['content-type'], request.headers['content-encoding']]
    .filter(Boolean)
    .join(', ');
  return new UnsupportedMediaTypeError(described, [
    'application/json (UTF-8; identity, gzip, deflate or br)',
  ]);
}

/**
 * The charset a Content-Type names, lower case, or null. JSON between systems is UTF-8 (RFC 8259):
 * Express' parser would also decode UTF-7 or UTF-16, which no client of ours sends on purpose.
 */
function charsetOf(contentType: string | undefined): string | null {
  const match = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null;
  return match ? match[1].toLowerCase() : null;
}
