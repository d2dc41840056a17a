import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { answerMalformedRequests } from './malformed-request-answer';

describe('answers to requests the HTTP parser refuses', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_request, response) => response.end('ok'));
    answerMalformedRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (raw: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(raw));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  it('answers a malformed request line with 400 problem+json and closes the connection', async () => {
    const answer = await send('NOT HTTP AT ALL\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain('Connection: close');
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'REQUEST.BAD_REQUEST' });
  });
});

describe('a request that does not arrive in time', () => {
  it('is answered 408 REQUEST.RECEIVE_TIMEOUT as problem+json, and the connection closed', async () => {
    const server = createServer(
      { requestTimeout: 200, connectionsCheckingInterval: 50 },
      (_request, response) => _request.on('end', () => response.end('ok')).resume(),
    );
    answerMalformedRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () =>
          // A body that stops midway: 100 bytes declared, 5 sent.
          socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":'),
        );
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString('utf8')));
        socket.on('end', () => resolve(received));
        socket.on('error', reject);
      });
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
      expect(head).toContain('Connection: close');
      expect(JSON.parse(body)).toMatchObject({ status: 408, code: 'REQUEST.RECEIVE_TIMEOUT' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
