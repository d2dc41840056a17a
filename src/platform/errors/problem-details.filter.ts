import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { loggableError, redactUrl } from '../logging/redaction';
import { classifyError } from './error-classification';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, titleForStatus, typeForCode } from './problem-details';

/**
 * Turns every error into an RFC 9457 problem+json answer. Server errors are logged with their
 * stack and answered with a generic message; internals (and the message of any 500) reach the
 * client only outside production.
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
    if (!('log' in request)) this.recordEarlyRejection(request, problem);
    // RFC 9110: a 401 names the scheme to authenticate with (cookies and API keys are our others).
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="finrecon"');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  /**
   * The body's media-type check and the JSON parser run as Express middleware, ahead of the access
   * log (Nest middleware), which a rejection there skips: log the request here.
   */
  private recordEarlyRejection(request: Request, problem: ProblemDetails): void {
    const fields = {
      req: { id: request.id, method: request.method, url: redactUrl(request.originalUrl ?? request.url) },
      res: { statusCode: problem.status },
      code: problem.code,
    };
    if (problem.status >= 500) this.logger.error(fields, 'request rejected before routing');
    else this.logger.warn(fields, 'request rejected before routing');
  }

  private toProblem(error: unknown, request: Request): ProblemDetails {
    const classified = classifyError(error);
    if (!classified.expected)
      this.logger.error({ error: loggableError(error), code: classified.code }, 'request failed');
    else if (classified.outage)
      this.logger.warn({ code: classified.code, reason: classified.outage }, classified.message);
    else if (classified.status >= 500) this.logger.warn({ code: classified.code }, classified.message);
    else if (classified.rejectedBy)
      this.logger.warn(
        { code: classified.code, sqlState: classified.rejectedBy },
        'database refused a request value',
      );
    // A 500 raised on purpose may still carry a tool's output (pg_dump's stderr names servers).
    const showDetail = (classified.expected && classified.status !== 500) || !this.config.isProduction;
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
