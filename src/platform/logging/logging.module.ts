import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { REDACTED_PATHS, redactUrl } from './redaction';
import { assignRequestId } from './request-id';

/** Where log lines go: stdout in the processes, a capturing stream in tests. */
export abstract class LogDestination {
  abstract readonly stream: DestinationStream;
}

class StdoutLogDestination extends LogDestination {
  readonly stream = pino.destination({ dest: 1, sync: true });
}

@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRootAsync({
          providers: [{ provide: LogDestination, useClass: StdoutLogDestination }],
          inject: [AppConfig, LogDestination],
          useFactory: (config: AppConfig, destination: LogDestination) => ({
            pinoHttp: [
              {
                level: config.logLevel,
                genReqId: assignRequestId,
                redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
                serializers: { req: serializeRequest },
                customLogLevel: (_req, res, err) =>
                  err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
                // Health probes and metrics scrapes would drown the log (probe failures show in health answers).
                autoLogging: { ignore: (req) => isProbe(req) },
              },
              destination.stream,
            ],
          }),
        }),
      ],
    };
  }
}

function serializeRequest(req: {
  id: unknown;
  method: string;
  url: string;
  headers: Record<string, unknown>;
}) {
  return { id: req.id, method: req.method, url: redactUrl(req.url), headers: req.headers };
}

function isProbe(req: IncomingMessage): boolean {
  return req.url === '/metrics' || (req.url ?? '').startsWith('/health');
}
