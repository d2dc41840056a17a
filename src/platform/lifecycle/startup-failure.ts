import { ConfigurationError } from '../config/app-config';

/**
 * Start-up failures happen before (or without) a logger, so this writes one JSON line itself.
 * Configuration problems list variable names only; never values.
 */
export function exitOnStartupFailure(error: unknown): never {
  const line =
    error instanceof ConfigurationError
      ? { level: 60, msg: 'refusing to start: invalid configuration', problems: error.problems }
      : { level: 60, msg: 'start-up failed', err: error instanceof Error ? error.message : String(error) };
  process.stderr.write(`${JSON.stringify({ time: Date.now(), ...line })}\n`);
  process.exit(1);
}
