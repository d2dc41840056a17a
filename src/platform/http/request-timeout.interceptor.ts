import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { RequestTimeoutError } from '../errors/request-errors';

/** Answers 503 REQUEST.TIMEOUT when a handler runs longer than REQUEST_TIMEOUT_MS. */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limitMs = this.config.http.requestTimeoutMs;
    return next.handle().pipe(
      timeout(limitMs),
      catchError((error: unknown) =>
        throwError(() => (error instanceof TimeoutError ? new RequestTimeoutError(limitMs) : error)),
      ),
    );
  }
}
