import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  CREDENTIAL_ROUTE,
  REQUIRED_PERMISSION,
  REQUIRED_ROLES,
  SESSION_ROUTE,
} from '../../src/modules/auth/http/access-metadata';
import { grants, Permission } from '../../src/modules/auth/domain/permission-table';
import { ROLES, Role } from '../../src/modules/auth/domain/role';
import { PUBLIC_ROUTE } from '../../src/platform/http/public-route';
import { AuthTestWorld, bearerLogin } from '../support/auth-fixtures';

jest.setTimeout(120_000);

type Method = 'get' | 'post' | 'put' | 'delete';
interface RouteCase {
  method: Method;
  path: string;
  /** Who may call it: a permission of the table, or the platform / any-principal rules. */
  access: Permission | 'platform' | 'session';
}

const id = randomUUID();
/** Every authenticated route of the auth module. Bodies are empty or ids random: allowed calls answer 4xx after the guard, never change data. */
const ROUTES: RouteCase[] = [
  { method: 'get', path: '/users', access: 'users.read' },
  { method: 'post', path: '/users', access: 'users.manage' },
  { method: 'get', path: `/users/${id}`, access: 'users.read' },
  { method: 'post', path: `/users/${id}/disable`, access: 'users.manage' },
  { method: 'post', path: `/users/${id}/enable`, access: 'users.manage' },
  { method: 'put', path: `/users/${id}/roles`, access: 'users.manage' },
  { method: 'post', path: `/users/${id}/password`, access: 'users.manage' },
  { method: 'get', path: '/api-keys', access: 'api_keys.manage' },
  { method: 'post', path: '/api-keys', access: 'api_keys.manage' },
  { method: 'delete', path: `/api-keys/${id}`, access: 'api_keys.manage' },
  { method: 'get', path: '/platform/users', access: 'platform' },
  { method: 'post', path: '/platform/users', access: 'platform' },
  { method: 'get', path: `/platform/tenants/${id}/users`, access: 'platform' },
  { method: 'post', path: `/platform/tenants/${id}/users`, access: 'platform' },
  { method: 'post', path: `/platform/users/${id}/disable`, access: 'platform' },
  { method: 'post', path: `/platform/users/${id}/enable`, access: 'platform' },
  { method: 'post', path: `/platform/users/${id}/password`, access: 'platform' },
  { method: 'get', path: '/auth/me', access: 'session' },
];

function allowed(role: Role, access: RouteCase['access']): boolean {
  if (access === 'session') return true;
  if (access === 'platform') return role === 'platform_admin';
  return grants([role], access);
}

describe('route x role matrix (from the one permission table)', () => {
  let world: AuthTestWorld;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    world = await AuthTestWorld.start();
    const tenant = await world.provisionTenant();
    for (const role of ROLES) {
      const user = await world.createUser(role === 'platform_admin' ? null : tenant, [role]);
      tokens.set(role, (await bearerLogin(world.server, user)).accessToken);
    }
  });
  afterAll(() => world.cleanUp());

  const cases = ROUTES.flatMap((route) =>
    ROLES.map((role) => ({ ...route, role, expected: allowed(role, route.access) })),
  );

  it.each(cases)('$method $path as $role: allowed=$expected', async ({ method, path, role, expected }) => {
    const agent = request(world.server);
    const response = await agent[method](path)
      .set('Authorization', `Bearer ${tokens.get(role)}`)
      .send({});
    if (expected) {
      expect([401, 403]).not.toContain(response.status);
    } else {
      expect(response.status).toBe(403);
      expect(['AUTH.FORBIDDEN', 'AUTH.PLATFORM_ONLY']).toContain(response.body.code);
    }
  });

  it.each(ROUTES)('$method $path refuses anonymous callers with 401', async ({ method, path }) => {
    const response = await request(world.server)[method](path).send({});
    expect(response.status).toBe(401);
  });

  it('every route the app serves declares who may call it (default deny)', () => {
    const undeclared: string[] = [];
    for (const module of world.api.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (!type) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = (type.prototype as Record<string, unknown>)[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
            continue;
          const declared = [
            PUBLIC_ROUTE,
            SESSION_ROUTE,
            REQUIRED_PERMISSION,
            REQUIRED_ROLES,
            CREDENTIAL_ROUTE,
          ].some(
            (key) =>
              Reflect.getMetadata(key, handler) !== undefined || Reflect.getMetadata(key, type) !== undefined,
          );
          if (!declared && !base.replace(/^\//, '').startsWith('platform')) {
            const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
            undeclared.push(
              `${verb} /${base}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')} (${type.name}.${name})`,
            );
          }
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
