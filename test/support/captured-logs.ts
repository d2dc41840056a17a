import { LogDestination } from '../../src/platform/logging/logging.module';

/** Collects the JSON log lines an app writes, so tests can assert what is (not) logged. */
export class CapturedLogs extends LogDestination {
  readonly lines: string[] = [];
  readonly stream = { write: (line: string) => void this.lines.push(line) };

  get text(): string {
    return this.lines.join('');
  }

  records(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
