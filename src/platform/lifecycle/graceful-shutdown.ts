import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'nestjs-pino';
import { ShutdownState } from './shutdown-state';
import { loggableError } from '../logging/redaction';

/**
 * On SIGTERM/SIGINT: turn readiness to 503, stop taking work, let in-flight requests and jobs finish, close PostgreSQL
 * and Redis (Nest's shutdown hooks), exit 0. A shutdown that outlives the grace period exits 1 so
 * the orchestrator sees that work may have been cut short.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, logger: Logger, graceMs: number): void {
  let shuttingDown = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.get(ShutdownState, { strict: false }).begin();
    logger.log({ signal, graceMs }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ graceMs }, 'grace period elapsed before shutdown finished; exiting');
      process.exit(1);
    }, graceMs);
    deadline.unref();
    app.close().then(
      () => {
        logger.log('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ error: loggableError(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}
