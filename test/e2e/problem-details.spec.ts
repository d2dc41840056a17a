import request from 'supertest';
import { TestApp, productionLikeConfig, startTestApp } from '../support/test-app';

const PROBLEM_JSON = /application\/problem\+json/;

describe('errors are answered as problem+json with stable codes', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();
  /** A raw JSON text to the probe route, as a client would send it. */
  const postJson = (body: string) =>
    request(server()).post('/test-probe/echo').set('Content-Type', 'application/json').send(body);

  beforeAll(async () => {
    testApp = await startTestApp({ BODY_LIMIT_BYTES: '1024' });
  });
  afterAll(() => testApp.close());

  it('answers an unknown route with 404 ROUTE.NOT_FOUND', async () => {
    const response = await request(server()).get('/no/such/route');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({
      type: 'urn:finrecon:problem:route.not_found',
      title: 'Not Found',
      status: 404,
      code: 'ROUTE.NOT_FOUND',
    });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers malformed JSON with 400 REQUEST.MALFORMED_JSON and a request id', async () => {
    const response = await postJson('{"email": "a@b.c",');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toBe('REQUEST.MALFORMED_JSON');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers JSON nested deeper than 32 levels with 400 REQUEST.MALFORMED_JSON before validation walks it', async () => {
    const nested = (depth: number) => `{"email":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const deep = await postJson(nested(33));
    expect(deep.status).toBe(400);
    expect(deep.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(deep.body).toMatchObject({ code: 'REQUEST.MALFORMED_JSON', maxDepth: 32 });
    const allowed = await postJson(nested(32));
    expect(allowed.body.code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('answers a string with an unpaired UTF-16 surrogate with 400 REQUEST.MALFORMED_JSON, before a validator throws on it', async () => {
    const lone = await postJson('{"email":"\\ud800@example.com"}');
    expect(lone.status).toBe(400);
    expect(lone.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(lone.body.code).toBe('REQUEST.MALFORMED_JSON');
    expect(lone.body.detail).toContain('unpaired UTF-16 surrogate');
    const paired = await postJson('{"email":"\\ud83d\\ude00@example.com"}');
    expect(paired.body.code).not.toBe('REQUEST.MALFORMED_JSON');
  });

  it("answers headers over Node's limit with 431 problem+json, not a bare status line", async () => {
    const response = await request(server()).get('/health/live').set('X-Padding', 'x'.repeat(20_000));
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 431, code: 'REQUEST.HEADERS_TOO_LARGE' });
  });

  it('answers a body over the limit with 413 REQUEST.PAYLOAD_TOO_LARGE', async () => {
    const response = await postJson(JSON.stringify({ email: 'x'.repeat(2048) }));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'REQUEST.PAYLOAD_TOO_LARGE', limitBytes: 1024 });
  });

  it('reads a JSON body that names UTF-8 as its charset', async () => {
    const response = await request(server())
      .post('/test-probe/echo')
      .set('Content-Type', 'application/json; charset=UTF-8')
      .send('{"email": "a@b.c"}');
    expect(response.status).not.toBe(415);
  });

  it('answers a body of an unsupported type with 415 REQUEST.UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await request(server())
      .post('/test-probe/echo')
      .set('Content-Type', 'text/xml')
      .send('<a/>');
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['a charset other than UTF-8', { 'Content-Type': 'application/json; charset=latin1' }],
    ['UTF-7, which the parser could decode', { 'Content-Type': 'application/json; charset=utf-7' }],
    ['UTF-16', { 'Content-Type': 'application/json; Charset="UTF-16LE"' }],
    ['an unknown content encoding', { 'Content-Type': 'application/json', 'Content-Encoding': 'compress' }],
  ])('answers a JSON body in %s with 415 REQUEST.UNSUPPORTED_MEDIA_TYPE', async (_name, headers) => {
    const response = await request(server()).post('/test-probe/echo').set(headers).send('{"email": "a@b.c"}');
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists every invalid field with its path, nested ones included', async () => {
    const response = await request(server())
      .post('/test-probe/echo')
      .send({ email: 'not-an-email', quantity: 0, address: { city: 'X' } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
    const paths = (response.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).toEqual(['address.city', 'email', 'quantity']);
  });

  it('names a missing field once, as required, and a field of the wrong type by its type alone', async () => {
    const response = await request(server())
      .post('/test-probe/echo')
      .send({ quantity: 'many', address: { city: 'Oslo' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'email', message: 'email is required' },
      { path: 'quantity', message: 'quantity must be an integer number' },
    ]);
  });

  it('refuses fields the DTO does not declare', async () => {
    const response = await request(server())
      .post('/test-probe/echo')
      .send({ email: 'a@example.com', quantity: 2, address: { city: 'Oslo' }, isAdmin: true });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'isAdmin', message: 'property isAdmin should not exist' }]);
  });

  it('accepts a valid body', async () => {
    const body = { email: 'a@example.com', quantity: 2, address: { city: 'Oslo' } };
    const response = await request(server()).post('/test-probe/echo').send(body);
    expect(response.status).toBe(201);
    expect(response.body).toEqual(body);
  });

  it('shows an unexpected error message in development only', async () => {
    const response = await request(server()).get('/test-probe/boom');
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('INTERNAL');
    expect(response.body.detail).toContain('leaked');
  });

  it('answers 400 REQUEST.INVALID_VALUE when PostgreSQL refuses a value (out of range), not 500', async () => {
    const response = await request(server()).get('/test-probe/stored-smallint').query({ value: '40000' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toBe('REQUEST.INVALID_VALUE');
    expect(JSON.stringify(response.body)).not.toMatch(/smallint|SELECT|40000/);
    const fine = await request(server()).get('/test-probe/stored-smallint').query({ value: '4' });
    expect(fine.body).toEqual({ value: 4 });
  });

  it('refuses a NUL character by its field, before the database sees it (in a body, a key, a query or a path), and keys such as __proto__', async () => {
    const body = await postJson('{"address":{"city":"Os\\u0000lo"}}');
    expect(body.status).toBe(400);
    expect(body.body).toMatchObject({
      code: 'REQUEST.VALIDATION_FAILED',
      errors: [{ path: 'address.city', message: 'must not contain a NUL character' }],
    });
    const key = await postJson('{"roles":["x"],"a\\u0000":1}');
    expect(key.body.errors).toEqual([{ path: 'a\u0000', message: 'must not contain a NUL character' }]);
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const machinery = await postJson(`{"email":"a@b.c","address":{"${name}":{"x":1}}}`);
      expect(machinery.status).toBe(400);
      expect(machinery.body.errors).toEqual([
        { path: `address.${name}`, message: 'property should not exist' },
      ]);
    }
    for (const url of ['/test-probe/stored-smallint?value=1%00', '/platform/tenants/acme%00']) {
      const response = await request(server()).get(url);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ path: 'url', message: 'must not contain a NUL character (%00)' }],
      });
    }
  });
});

describe('in production an unexpected error reveals nothing', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({}, productionLikeConfig());
  });
  afterAll(() => testApp?.close());

  it('answers 500 INTERNAL with a generic detail, no message and no stack', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/test-probe/boom');
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('INTERNAL');
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|leaked|stack|at /);
    expect(response.body.requestId).toEqual(expect.any(String));
  });

  it('keeps the code of a 500 raised on purpose but not its message (a tool output naming servers)', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/test-probe/tool-failed');
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('TENANT.BACKUP_FAILED');
    expect(JSON.stringify(response.body)).not.toMatch(/db\.internal|10\.1\.2\.3|pg_dump/);
  });
});
