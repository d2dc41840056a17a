import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { RequestTimeoutError } from '../errors/request-errors';
import { LONG_OPERATION, LONG_OPERATION_TIMEOUT_MS } from './long-operation';

/**
 * Answers 503 REQUEST.TIMEOUT when a handler runs longer than REQUEST_TIMEOUT_MS (or, for a
 * handler marked `@LongOperation()`, LONG_OPERATION_TIMEOUT_MS).
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const long = this.reflector.get<boolean | undefined>(LONG_OPERATION, context.getHandler());
    const limitMs = long ? LONG_OPERATION_TIMEOUT_MS : this.config.http.requestTimeoutMs;
    return next.handle().pipe(
      timeout(limitMs),
      catchError((error: unknown) =>
        throwError(() => (error instanceof TimeoutError ? new RequestTimeoutError(limitMs) : error)),
      ),
    );
  }
}
