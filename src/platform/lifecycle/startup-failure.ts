import { ConfigurationError } from '../config/app-config';
import { loggableError } from '../logging/redaction';

/**
 * Start-up failures happen before (or without) a logger, so this writes one JSON line itself.
 * Configuration problems list variable names only; never values.
 */
export function exitOnStartupFailure(error: unknown): never {
  const line =
    error instanceof ConfigurationError
      ? { level: 60, msg: 'refusing to start: invalid configuration', problems: error.problems }
      : { level: 60, msg: 'start-up failed', error: withoutStack(loggableError(error)) };
  process.stderr.write(`${JSON.stringify({ time: Date.now(), ...line })}\n`);
  process.exit(1);
}

/** What failed, in a line an operator reads: the start-up code's own stack says nothing to them. */
function withoutStack(error: Record<string, unknown>): Record<string, unknown> {
  const { stack: _stack, ...rest } = error;
  return rest;
}
