import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export type CliApplication = INestApplicationContext;

/**
 * Boots `module` without HTTP, runs one operator command in it and always closes it (pools, Redis),
 * so the process can exit with the command's status.
 */
export async function runInApplicationContext(
  module: Type<unknown>,
  command: (app: CliApplication) => Promise<number>,
): Promise<number> {
  // Nest's own logger would print a start-up failure (bad configuration) with its stack trace.
  const app = await NestFactory.createApplicationContext(module, { logger: false, abortOnError: false });
  await app.init();
  try {
    return await command(app);
  } finally {
    await app.close();
  }
}
