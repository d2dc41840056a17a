import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnsupportedMediaTypeError } from '../errors/request-errors';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A request that carries a body must say it is one of the media types we parse. Anything else is
 * refused with 415 instead of being silently ignored and failing validation later.
 */
export function contentTypeGuard(accepted: readonly string[]): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (!BODY_METHODS.has(request.method) || !hasBody(request)) return next();
    const contentType = request.headers['content-type'];
    if (contentType && request.is([...accepted])) return next();
    next(new UnsupportedMediaTypeError(contentType, accepted));
  };
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
