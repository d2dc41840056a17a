import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny static site on its own port: the "SPA origin" (or an attacker's) for browser tests. */
export class StaticOrigin {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(hostname: '127.0.0.1' | 'localhost', title: string): Promise<StaticOrigin> {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html><head><title>${title}</title></head><body>${title}</body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new StaticOrigin(server, `http://${hostname}:${port}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
