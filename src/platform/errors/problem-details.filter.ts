import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { classifyError } from './error-classification';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, titleForStatus, typeForCode } from './problem-details';

/**
 * Turns every error into an RFC 9457 problem+json answer. Server errors are logged with their
 * stack and answered with a generic message; internals reach the client only in development.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ProblemDetailsFilter.name);
  }

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(error, request);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(error: unknown, request: Request): ProblemDetails {
    const classified = classifyError(error);
    if (!classified.expected) this.logger.error({ err: error, code: classified.code }, 'request failed');
    else if (classified.status >= 500) this.logger.warn({ code: classified.code }, classified.message);
    const showDetail = classified.expected || !this.config.isProduction;
    const problem: ProblemDetails = {
      ...(showDetail ? classified.extensions : undefined),
      type: typeForCode(classified.code),
      title: titleForStatus(classified.status),
      status: classified.status,
      code: classified.code,
      detail: showDetail
        ? classified.message
        : 'An unexpected error occurred; quote the request id when reporting it',
      requestId: typeof request.id === 'string' ? request.id : undefined,
    };
    return problem;
  }
}
