import net from 'node:net';

/**
 * A loopback TCP proxy that can hold every chunk for `latencyMs` before passing it on: a real
 * dependency (PostgreSQL, Redis) turned slow, so a real request stays in flight for as long as a
 * test needs without any test-only route in the built app.
 */
export class LatencyProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  latencyMs = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      this.forward(client, upstream);
      this.forward(upstream, client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Chunks keep their order: each waits until the one before it has been written. */
  private forward(from: net.Socket, to: net.Socket): void {
    let previous = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const delay = this.latencyMs;
      previous = previous.then(async () => {
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.on('end', () => void previous.then(() => to.end()));
  }
}
