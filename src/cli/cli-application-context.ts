import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export type CliApplication = INestApplicationContext;

/** The exit status of a command stopped by a signal: 128 + its number, as shells report it. */
const INTERRUPTED: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Boots `module` without HTTP, runs one operator command in it and always closes it (pools, Redis),
 * so the process can exit with the command's status. Ctrl-C or SIGTERM closes the application while
 * the command runs: the tools it started (pg_dump, pg_restore) are stopped and the command cleans
 * up after itself (a backup's `.partial` file is removed) before the process exits, rather than the
 * process dying at once and leaving them behind.
 */
export async function runInApplicationContext(
  module: Type<unknown>,
  command: (app: CliApplication) => Promise<number>,
): Promise<number> {
  // Nest's own logger would print a start-up failure (bad configuration) with its stack trace.
  const app = await NestFactory.createApplicationContext(module, { logger: false, abortOnError: false });
  await app.init();
  let interrupted: keyof typeof INTERRUPTED | null = null;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => (closing ??= app.close());
  const stop = (signal: keyof typeof INTERRUPTED): void => {
    if (interrupted) return;
    interrupted = signal;
    void close();
  };
  const onInterrupt = (): void => stop('SIGINT');
  const onTerminate = (): void => stop('SIGTERM');
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onTerminate);
  try {
    return await command(app);
  } catch (error) {
    if (!interrupted) throw error;
    console.error(
      `stopped by ${interrupted}: the operation did not complete; the tools it started were stopped`,
    );
    return INTERRUPTED[interrupted];
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
    await close();
  }
}
