import type { Server } from 'node:http';
import { type AddressInfo, createConnection } from 'node:net';
import { TestApp, startTestApp } from '../support/test-app';

/** Sends raw bytes and collects what the server answers until it closes or `waitMs` passes. */
function exchange(port: number, bytes: string, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (/\r\n\r\n[\s\S]*\}$/.test(answer)) done();
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

describe('requests whose body is too large or never arrives', () => {
  let testApp: TestApp;
  let port: number;

  beforeAll(async () => {
    testApp = await startTestApp({ BODY_LIMIT_BYTES: '1024', REQUEST_TIMEOUT_MS: '2000' });
    await testApp.app.listen(0, '127.0.0.1');
    port = ((testApp.app.getHttpServer() as Server).address() as AddressInfo).port;
  });
  afterAll(() => testApp.close());

  it('answers a declared body over the limit with 413 at once, without waiting for it', async () => {
    // The body is never sent: an answer at all means the server did not wait for it.
    const answer = await exchange(
      port,
      'POST /test-probe/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}',
      10_000,
    );
    expect(answer).toMatch(/^HTTP\/1.1 413 /);
    expect(answer).toContain('"code":"REQUEST.PAYLOAD_TOO_LARGE"');
    expect(answer).toContain('Connection: close');
  });

  // What happens when that time passes: malformed-request-answer.spec.ts.
  it('gives the whole request, body included, REQUEST_TIMEOUT_MS to arrive', () => {
    const server = testApp.app.getHttpServer() as Server;
    expect(server.requestTimeout).toBe(2000);
    expect(server.headersTimeout).toBe(2000);
  });
});
