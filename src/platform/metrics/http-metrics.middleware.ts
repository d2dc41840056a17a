import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsRegistry } from './metrics-registry';

/**
 * Times every request and labels it with the route template (`/tenants/:id`), never the raw path,
 * so label cardinality stays bounded whatever clients send. Mounted first (configure-http.ts), so
 * requests refused before routing (a body that is too large or not JSON) are counted too.
 */
export function timeHttpRequests(metrics: MetricsRegistry): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const stopTimer = metrics.httpRequestDuration.startTimer();
    response.once('finish', () => {
      stopTimer({
        method: request.method,
        route: routeTemplate(request),
        status: String(response.statusCode),
      });
    });
    next();
  };
}

function routeTemplate(request: Request): string {
  const route: unknown = request.route;
  const path = route && typeof route === 'object' && 'path' in route ? route.path : undefined;
  // Nest's not-found handler is a catch-all route (`/{*path}`): not a route of ours.
  if (typeof path !== 'string' || path.includes('{*')) return 'unmatched';
  return `${request.baseUrl}${path}`;
}
