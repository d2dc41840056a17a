import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import {
  MalformedJsonError,
  PayloadTooLargeError,
  UnreadableBodyError,
  UnsupportedMediaTypeError,
} from '../errors/request-errors';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * Express' JSON parser with its errors turned into our stable codes before Nest sees them (Nest
 * would otherwise fold every parse failure into a generic 400).
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, type: JSON_MEDIA_TYPES, strict: true });
  return (request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (error?: unknown) =>
      next(error ? toRequestError(error, request, limitBytes) : undefined),
    );
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
