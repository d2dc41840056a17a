import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { loggableError } from '../logging/redaction';

/**
 * TypeORM's logger for `DB_LOGGING=true`: the statement text and how many parameters it was given,
 * never the parameters themselves (password and token hashes, emails). Every statement is
 * parameterized, so the text holds no values. Written through Nest's logger, so it is JSON with
 * the request id like every other line.
 */
export class SqlStatementLog implements TypeOrmLogger {
  private readonly logger = new NestLogger('SQL');

  logQuery(query: string, parameters?: unknown[]): void {
    this.logger.log({ msg: 'sql statement', sql: query, parameterCount: parameters?.length ?? 0 });
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    this.logger.warn({
      msg: 'sql statement failed',
      sql: query,
      parameterCount: parameters?.length ?? 0,
      error: loggableError(error),
    });
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[]): void {
    this.logger.warn({
      msg: 'sql statement slow',
      sql: query,
      parameterCount: parameters?.length ?? 0,
      ms: time,
    });
  }

  logSchemaBuild(): void {
    // The schema is built by migrations only (`synchronize` is off).
  }

  logMigration(message: string): void {
    this.logger.log({ msg: 'migration', detail: message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : String(message);
    if (level === 'warn') this.logger.warn({ msg: text });
    else this.logger.log({ msg: text });
  }
}
