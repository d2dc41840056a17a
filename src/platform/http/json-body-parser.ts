import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import {
  MalformedJsonError,
  PayloadTooLargeError,
  TooDeeplyNestedJsonError,
  UnreadableBodyError,
  UnsupportedMediaTypeError,
} from '../errors/request-errors';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * Express' JSON parser with its errors turned into our stable codes before Nest sees them (Nest
 * would otherwise fold every parse failure into a generic 400).
 */
/**
 * No request body of ours nests deeper than a few levels. Validation walks bodies recursively, so a
 * small body nested thousands deep would overflow the stack there (a 500) before any rule ran.
 */
export const MAX_JSON_DEPTH = 32;

export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, type: JSON_MEDIA_TYPES, strict: true });
  return (request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (error?: unknown) => {
      if (error) return next(toRequestError(error, request, limitBytes));
      next(
        nestsDeeperThan(request.body, MAX_JSON_DEPTH)
          ? new TooDeeplyNestedJsonError(MAX_JSON_DEPTH)
          : undefined,
      );
    });
}

/** Whether `value` has objects or arrays nested more than `maxDepth` deep; walked without recursion. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}

function toRequestError(error: unknown, request: Request, limitBytes: number): Error {
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  if (type === 'entity.parse.failed') return new MalformedJsonError();
  if (type === 'entity.too.large') return new PayloadTooLargeError(limitBytes);
  // A JSON body in a charset or content encoding we do not read is a media type we do not accept.
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    const described = [request.headers['content-type'], request.headers['content-encoding']]
      .filter(Boolean)
      .join(', ');
    return new UnsupportedMediaTypeError(described, [
      'application/json (UTF-8; identity, gzip, deflate or br)',
    ]);
  }
  return new UnreadableBodyError();
}
