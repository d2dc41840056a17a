import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import request from 'supertest';
import { generateOpenApiJson } from '../../src/cli/openapi-document';
import { TestApp, startTestApp } from '../support/test-app';

describe('metrics', () => {
  let testApp: TestApp;
  const server = () => testApp.app.getHttpServer();

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('exposes process metrics and request durations labelled by route template', async () => {
    await request(server()).get('/test-probe/slow?ms=1');
    await request(server()).get('/no/such/path/12345');
    await request(server())
      .post('/test-probe/echo')
      .set('Content-Type', 'application/json')
      .send('{"broken":');
    const response = await request(server()).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toContain('finrecon_process_cpu_user_seconds_total');
    expect(response.text).toMatch(
      /finrecon_http_request_duration_seconds_count\{method="GET",route="\/test-probe\/slow",status="200"\} 1/,
    );
    expect(response.text).toContain('route="unmatched",status="404"');
    // Refused by the JSON parser before routing, and counted all the same.
    expect(response.text).toMatch(
      /finrecon_http_request_duration_seconds_count\{method="POST",route="unmatched",status="400"\} 1/,
    );
    expect(response.text).not.toContain('12345');
  });
});

describe('metrics behind a token', () => {
  let testApp: TestApp;
  const token = 'metrics-token-0123456789';

  beforeAll(async () => {
    testApp = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => testApp.close());

  it('refuses a scrape without the bearer token', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/metrics');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('refuses a wrong token and accepts the right one', async () => {
    const wrong = await request(testApp.app.getHttpServer())
      .get('/metrics')
      .set('Authorization', 'Bearer nope');
    expect(wrong.status).toBe(401);
    for (const scheme of ['Bearer', 'bearer']) {
      const right = await request(testApp.app.getHttpServer())
        .get('/metrics')
        .set('Authorization', `${scheme} ${token}`);
      expect(right.status).toBe(200);
    }
    for (const presented of [`Basic ${token}`, `Bearer ${token.toUpperCase()}`, token, `Bearer ${token} x`]) {
      const refused = await request(testApp.app.getHttpServer())
        .get('/metrics')
        .set('Authorization', presented);
      expect(refused.status).toBe(401);
    }
  });
});

describe('OpenAPI', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('serves the document generated from the controllers', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/docs/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready']),
    );
  });

  it('documents every route the app registers (except the docs themselves and /metrics, excluded by design)', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/docs/openapi.json');
    const documented = Object.entries(response.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    const registered = registeredRoutes(testApp)
      .filter((route) => !/^\w+ \/(docs|metrics)(\/|$|-)/.test(route))
      // The catch-all that answers unknown routes with 404 problem+json is not an API route.
      .filter((route) => !route.endsWith(' /{*path}'))
      .sort();

    expect(registered.length).toBeGreaterThan(10);
    expect(documented).toEqual(registered);
  });

  it('documents the query parameters of the purchase-order search', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/docs/openapi.json');
    const parameters = response.body.paths['/purchase-orders'].get.parameters as {
      name: string;
      in: string;
    }[];
    expect(parameters.map((parameter) => [parameter.name, parameter.in])).toEqual([
      ['number', 'query'],
      ['limit', 'query'],
      ['offset', 'query'],
    ]);
  });

  it('serves the UI', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/docs/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger');
  });
});

/** `GET /users/{userId}` for every route Express dispatches to (Nest mounts them on its router). */
function registeredRoutes(testApp: TestApp): string[] {
  const express = testApp.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map(
          (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        )
      : [],
  );
}

describe('docs/openapi.json in the repository', () => {
  it('is what `npm run openapi` generates from the current code', async () => {
    const { json } = await generateOpenApiJson();
    const committed = readFileSync('docs/openapi.json', 'utf8');
    if (committed !== json) {
      mkdirSync('.local', { recursive: true });
      writeFileSync('.local/openapi.generated.json', json);
      throw new Error(
        'docs/openapi.json is stale: run npm run openapi (after npm run build) and commit the result ' +
          '(what the code generates now is in .local/openapi.generated.json)',
      );
    }
  });
});
