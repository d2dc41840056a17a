import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics-registry';

/**
 * Times every request and labels it with the route template (`/tenants/:id`), never the raw path,
 * so label cardinality stays bounded whatever clients send.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsRegistry) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stopTimer = this.metrics.httpRequestDuration.startTimer();
    response.once('finish', () => {
      stopTimer({
        method: request.method,
        route: routeTemplate(request),
        status: String(response.statusCode),
      });
    });
    next();
  }
}

function routeTemplate(request: Request): string {
  const route: unknown = request.route;
  const path = route && typeof route === 'object' && 'path' in route ? route.path : undefined;
  // Nest's not-found handler is a catch-all route (`/{*path}`): not a route of ours.
  if (typeof path !== 'string' || path.includes('{*')) return 'unmatched';
  return `${request.baseUrl}${path}`;
}
