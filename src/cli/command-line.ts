import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake on the command line: the CLIs print it with their usage and exit 2. */
export class UsageError extends Error {}

/**
 * The command line read with `options`, each option at most once: an unknown option, one given
 * twice (which would silently keep the last) or one without its value is a UsageError naming it.
 */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(
  options: T,
  usage: string,
) {
  try {
    const parsed = parseArgs({ allowPositionals: true, tokens: true, options });
    const names = parsed.tokens.filter((token) => token.kind === 'option').map((token) => token.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated) throw new UsageError(`--${repeated} is given twice\n${usage}`);
    return { positionals: parsed.positionals, values: parsed.values };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}
