import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { assignRequestId } from '../logging/request-id';
import { timeHttpRequests } from '../metrics/http-metrics.middleware';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { contentTypeGuard } from './content-type-guard';
import { JSON_MEDIA_TYPES, jsonBodyParser, NUL_MESSAGE } from './json-body-parser';
import { ValidationFailedError } from '../errors/request-errors';
import { answerMalformedRequests } from './malformed-request-answer';

/**
 * Media types the API accepts as request bodies (uploads add multipart/form-data routes). A form
 * sent to a JSON route fails its validation; it must still reach the access and Origin checks, which
 * the browser tests watch it meet.
 */
const ACCEPTED_BODY_TYPES = [...JSON_MEDIA_TYPES, 'multipart/form-data'];

/**
 * Express-level hardening shared by the API process and the e2e tests, so tests exercise exactly
 * what production runs. Create the app with `bodyParser: false`: the JSON parser is ours.
 */
export function configureHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.http.trustProxy);
  express.disable('x-powered-by');
  express.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    assignRequestId(request, response);
    next();
  });
  express.use(timeHttpRequests(app.get(MetricsRegistry)));
  express.use(helmet());
  express.use(notStoredByDefault);
  express.enableCors({
    origin: (origin, callback) => callback(null, !origin || config.http.corsOrigins.includes(origin)),
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  express.use(endRefusedPreflight);
  express.use(refuseNulInUrl);
  express.use(contentTypeGuard(ACCEPTED_BODY_TYPES));
  express.use(jsonBodyParser(config.http.bodyLimitBytes));
  limitReceiveTime(express.getHttpServer(), config.http.requestTimeoutMs);
  answerMalformedRequests(express.getHttpServer());
}

/**
 * Answers are not kept by browsers or proxies unless a route says otherwise: most carry a tenant's
 * data or a user's, which a shared computer's cache must not keep after sign-out.
 */
function notStoredByDefault(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * A preflight from an origin CORS does not allow: answered 204 without CORS headers (so the browser
 * does not send the request), rather than falling through to a 404 for `OPTIONS` on the route.
 */
function endRefusedPreflight(request: Request, response: Response, next: NextFunction): void {
  if (request.method !== 'OPTIONS' || request.headers['access-control-request-method'] === undefined)
    return next();
  response.status(204).end();
}

/** A URL whose path or query holds a NUL (`%00`) names nothing we store: refused by field, not by the database. */
function refuseNulInUrl(request: Request, _response: Response, next: NextFunction): void {
  if (/%00/.test(request.originalUrl))
    return next(new ValidationFailedError([{ path: 'url', message: `${NUL_MESSAGE} (%00)` }]));
  next();
}

/**
 * A request must arrive whole, body included, within REQUEST_TIMEOUT_MS (its headers within a
 * minute at most), else it is refused with 408: Node's own limit is five minutes, which lets slow
 * clients hold connections. Node checks these limits every 30 s, so a refusal comes up to 30 s late.
 */
function limitReceiveTime(server: Server, requestTimeoutMs: number): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(60_000, requestTimeoutMs);
}
