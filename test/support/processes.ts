import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts a built entry point (dist/) as its own process, the way production runs it. A variable
 * given as undefined is removed from the inherited environment.
 */
export function startProcess(
  entry: string,
  env: Record<string, string | undefined>,
  cwd?: string,
  args: readonly string[] = [],
): RunningProcess {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, [entry, ...args], { env: merged, stdio: 'pipe', cwd });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitForOutput(
  running: RunningProcess,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(running.output())) {
    if (Date.now() > deadline || running.child.exitCode !== null) {
      throw new Error(`did not see ${pattern} in time; output:\n${running.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a built CLI as a production deployment that forgot its secrets would. */
export function runWithoutProductionSecrets(
  cli: string,
  args: string[],
): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: '', COOKIE_SECRET: '', ENCRYPTION_KEY: '' },
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}
