import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { AuthTestWorld, bearerLogin } from '../support/auth-fixtures';

jest.setTimeout(180_000);

/**
 * Bad input gets a 4xx problem+json, never a 500: every documented JSON body field of every route,
 * read from the app's own OpenAPI document, is sent values a client should never send. A new route
 * or field is covered without touching this test. Each field goes alone, so this finds values that
 * make the parser or a validator throw; values that pass validation and reach a use case are each
 * route's own tests' business.
 */
const ODD_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  [],
  {},
  [null, 1, {}],
  'x'.repeat(5000),
  '',
  ' ',
  '\u0000',
  '\ud800',
  'a\udfffb@example.test',
  '../../etc/passwd',
  "' OR 1=1 --",
  { $ne: 1 },
  '２０２６-１１-２７',
  '+275760-09-13T00:00:00Z',
];

/** Whole bodies that are JSON but not an object, or objects with keys no DTO has. */
const ODD_BODIES: readonly string[] = ['[]', 'null', '"text"', '1', '{"__proto__":{"admin":true}}', '{"":1}'];

/**
 * Left out: a body this test sends can be valid there (`{"dryRun": null}` is no dry run), and it
 * would migrate every tenant of the test database while other suites work on theirs. The same body
 * on `/platform/tenants/{tenant}/migrate` migrates only this test's own tenant, which is up to date.
 */
const ACTS_ON_EVERY_TENANT = new Set(['/platform/tenants/migrate']);

/** Answers about the caller, not the body: the odd value never reached validation, so the test fails. */
const CALLER_REFUSED = new Set([
  'AUTH.UNAUTHENTICATED',
  'AUTH.TOKEN_EXPIRED',
  'AUTH.SESSION_REVOKED',
  'AUTH.CSRF_REJECTED',
  'AUTH.ORIGIN_REJECTED',
  'AUTH.FORBIDDEN',
  'AUTH.PLATFORM_ONLY',
  'TENANT.SUSPENDED',
  'REQUEST.RATE_LIMITED',
]);

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: SchemaOrRef }> };
}
interface SchemaOrRef {
  $ref?: string;
  properties?: Record<string, unknown>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, SchemaOrRef> };
}
interface BodyRoute {
  method: 'post' | 'put' | 'patch';
  path: string;
  fields: string[];
}

let world: AuthTestWorld;
let tenant: Tenant;
let tenantToken: string;
let platformToken: string;
let bodyRoutes: BodyRoute[] = [];

function bodyRoutesOf(document: OpenApiDocument): BodyRoute[] {
  const routes: BodyRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (!schema || !['post', 'put', 'patch'].includes(method) || ACTS_ON_EVERY_TENANT.has(path)) continue;
      const resolved = schema.$ref
        ? document.components.schemas[schema.$ref.split('/').pop() as string]
        : schema;
      routes.push({
        method: method as BodyRoute['method'],
        path,
        fields: Object.keys(resolved.properties ?? {}),
      });
    }
  }
  return routes;
}

/** A URL for an OpenAPI path: the test tenant where a route names a tenant, random ids elsewhere. */
function urlOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    name === 'tenantId' || name === 'tenant' ? tenant.id : randomUUID(),
  );
}

function send(route: BodyRoute, body: string) {
  const token = route.path.startsWith('/platform/') ? platformToken : tenantToken;
  const call = request(world.server)[route.method](urlOf(route.path));
  return call.set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body);
}

/** The answers that break the promise: a 5xx, or an error that is not problem+json. */
function brokenAnswer(label: string, response: request.Response): string | null {
  const problem = /application\/problem\+json/.test(String(response.headers['content-type']));
  const refusedCaller = CALLER_REFUSED.has(String(response.body?.code));
  if (response.status < 400 || (response.status < 500 && problem && !refusedCaller)) return null;
  return `${label} -> ${response.status} ${response.body?.code ?? response.text.slice(0, 80)}`;
}

beforeAll(async () => {
  // Rate limits have their own tests; here they would stop odd values before validation.
  world = await AuthTestWorld.start({ RATE_LIMIT_ENABLED: 'false' });
  tenant = await world.provisionTenant();
  tenantToken = (await bearerLogin(world.server, await world.createUser(tenant, ['tenant_admin'])))
    .accessToken;
  platformToken = (await bearerLogin(world.server, await world.createUser(null, ['platform_admin'])))
    .accessToken;
  const document = await request(world.server).get('/docs/openapi.json');
  bodyRoutes = bodyRoutesOf(document.body as OpenApiDocument);
});
afterAll(() => world.cleanUp());

describe('odd input on every documented JSON body', () => {
  it('finds the body routes of every module in the OpenAPI document', () => {
    const keys = bodyRoutes.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(keys).toEqual(
      expect.arrayContaining(['POST /auth/login', 'POST /users', 'POST /api-keys', 'POST /platform/tenants']),
    );
    expect(bodyRoutes.find((route) => route.path === '/users' && route.method === 'post')?.fields).toEqual(
      expect.arrayContaining(['email', 'password', 'roles']),
    );
  });

  it('answers an odd value in any field with a 4xx problem+json', async () => {
    const broken: string[] = [];
    let sent = 0;
    for (const route of bodyRoutes) {
      for (const field of route.fields) {
        for (const value of ODD_VALUES) {
          const response = await send(route, JSON.stringify({ [field]: value }));
          sent += 1;
          const label = `${route.method.toUpperCase()} ${route.path} ${field}=${JSON.stringify(value).slice(0, 24)}`;
          const answer = brokenAnswer(label, response);
          if (answer) broken.push(answer);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  });

  it('answers a body that is not an object, or has odd keys, with a 4xx problem+json', async () => {
    const broken: string[] = [];
    for (const route of bodyRoutes) {
      for (const body of ODD_BODIES) {
        const answer = brokenAnswer(
          `${route.method.toUpperCase()} ${route.path} ${body}`,
          await send(route, body),
        );
        if (answer) broken.push(answer);
      }
    }
    expect(broken).toEqual([]);
  });
});
