import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLES, Role } from '../../src/modules/auth/domain/role';
import type { Tenant } from '../../src/modules/tenants/domain/tenant';
import { AuthTestWorld, bearerLogin } from '../support/auth-fixtures';
import {
  DiscoveredRoute,
  discoverRoutes,
  expectedAllowed,
  expressRoutes,
  routeKey,
} from '../support/auth-route-inventory';

jest.setTimeout(180_000);

/**
 * Every route reachable without credentials. A route that becomes public fails this test until a
 * reviewer adds it here: the default is deny.
 */
const PUBLIC_ROUTES = [
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/token',
  'POST /auth/token/refresh',
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  // Test-only probe routes (test/support/probe.controller.ts), never part of the built app.
  'POST /test-probe/echo',
  'GET /test-probe/boom',
  'GET /test-probe/slow',
  'GET /test-probe/stored-smallint',
  'GET /test-probe/tool-failed',
];

/**
 * Routes Express serves that are not Nest controller routes (so carry no access metadata): Nest's
 * own not-found catch-all, and the OpenAPI document/UI, public by design (docs/security.md).
 */
const NON_CONTROLLER_ROUTE = /^([A-Z-]+ \/\{\*path\}|(GET|HEAD) \/docs(\/|-json|-yaml|$).*)$/;

/** Routes that end the caller's own session: each role calls them after every other route. */
const ENDS_SESSION = new Set(['POST /auth/logout']);

/** The routes of the running app, read once before the tests are declared. */
let routes: DiscoveredRoute[] = [];
let world: AuthTestWorld;
let tenant: Tenant;
const tokens = new Map<Role, string>();

/** A concrete URL for a route pattern: its own tenant where it names one, random ids elsewhere. */
function urlOf(path: string): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    if (name === 'tenantId') return tenant.id;
    if (name === 'tenantSlug') return tenant.slug;
    return randomUUID();
  });
}

function send(route: DiscoveredRoute, token?: string) {
  const call = request(world.server)[route.method](urlOf(route.path));
  if (token) call.set('Authorization', `Bearer ${token}`);
  return route.method === 'get' || route.method === 'delete' ? call : call.send({});
}

beforeAll(async () => {
  world = await AuthTestWorld.start();
  routes = discoverRoutes(world.api.app).sort(
    (a, b) => Number(ENDS_SESSION.has(routeKey(a))) - Number(ENDS_SESSION.has(routeKey(b))),
  );
  tenant = await world.provisionTenant();
  for (const role of ROLES) {
    const user = await world.createUser(role === 'platform_admin' ? null : tenant, [role]);
    tokens.set(role, (await bearerLogin(world.server, user)).accessToken);
  }
});
afterAll(() => world.cleanUp());

describe('the route inventory (derived from the running app)', () => {
  it('finds the routes of every module, including purchase orders and platform tenants', () => {
    const keys = routes.map(routeKey);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /users',
        'POST /api-keys',
        'GET /purchase-orders',
        'GET /purchase-orders/:id',
        'GET /platform/tenants',
        'POST /platform/tenants/:tenant/suspend',
        'GET /auth/me',
      ]),
    );
  });

  it('matches what Express actually serves, so no route escapes the inventory', () => {
    const served = expressRoutes(world.api.app).filter((key) => !NON_CONTROLLER_ROUTE.test(key));
    expect([...new Set(served)].sort()).toEqual([...new Set(routes.map(routeKey))].sort());
  });

  it('has exactly the reviewed public routes', () => {
    const open = routes.filter((route) => route.isPublic).map(routeKey);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('has every non-public route declare who may call it (default deny)', () => {
    const undeclared = routes
      .filter((route) => !route.isPublic && !route.isSession && !route.permission)
      .filter((route) => !route.path.startsWith('/platform/'))
      .map((route) => `${routeKey(route)} (${route.handler})`);
    expect(undeclared).toEqual([]);
  });
});

describe('route x role matrix (every route, from the one permission table)', () => {
  it('refuses every non-public route without credentials with 401', async () => {
    const answers: string[] = [];
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      const response = await send(route);
      if (response.status !== 401) answers.push(`${routeKey(route)} -> ${response.status}`);
    }
    expect(answers).toEqual([]);
  });

  // One test per role over all routes: the route list is only known once the app runs.
  it.each(ROLES.map((role) => ({ role })))(
    'lets $role through exactly where the table allows, 403 elsewhere',
    async ({ role }) => {
      const wrong: string[] = [];
      let checked = 0;
      for (const route of routes.filter((candidate) => !candidate.isPublic)) {
        const expected = expectedAllowed(route, role);
        const response = await send(route, tokens.get(role));
        checked += 1;
        const ok = expected
          ? ![401, 403].includes(response.status)
          : response.status === 403 && ['AUTH.FORBIDDEN', 'AUTH.PLATFORM_ONLY'].includes(response.body.code);
        if (!ok)
          wrong.push(
            `${routeKey(route)} expected ${expected ? 'allowed' : '403'}, got ${response.status} ${response.body?.code ?? ''}`,
          );
      }
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(20);
    },
  );

  it('derives expectations from the table: a sample of decisions', () => {
    const byKey = new Map(routes.map((route) => [routeKey(route), route]));
    const decide = (key: string) =>
      Object.fromEntries(ROLES.map((role) => [role, expectedAllowed(byKey.get(key)!, role)]));
    expect(decide('POST /users')).toEqual({
      platform_admin: false,
      tenant_admin: true,
      approver: false,
      clerk: false,
      viewer: false,
    });
    expect(decide('GET /purchase-orders')).toEqual({
      platform_admin: false,
      tenant_admin: true,
      approver: true,
      clerk: true,
      viewer: true,
    });
    expect(decide('POST /platform/tenants/:tenant/suspend')).toEqual({
      platform_admin: true,
      tenant_admin: false,
      approver: false,
      clerk: false,
      viewer: false,
    });
  });
});
