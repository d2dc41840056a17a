import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { REQUIRED_PERMISSION, SESSION_ROUTE } from '../../src/modules/auth/http/access-metadata';
import { grants, Permission } from '../../src/modules/auth/domain/permission-table';
import type { Role } from '../../src/modules/auth/domain/role';
import { PUBLIC_ROUTE } from '../../src/platform/http/public-route';

export type HttpVerb = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One route the running app serves, with the access metadata its controller declares. */
export interface DiscoveredRoute {
  method: HttpVerb;
  /** Express path pattern, e.g. `/users/:userId/disable`. */
  path: string;
  handler: string;
  isPublic: boolean;
  isSession: boolean;
  permission: Permission | undefined;
}

const VERBS: Partial<Record<RequestMethod, HttpVerb>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [value === undefined ? '' : String(value)];
}

function joinPath(...parts: string[]): string {
  const joined = `/${parts.filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function metadata<T>(key: string, handler: object, type: object): T | undefined {
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, type)) as T | undefined;
}

/** Every controller route of the app, read from Nest's own module container (what Nest mounts). */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const scanner = new MetadataScanner();
  const routes: DiscoveredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const verbCode = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (verbCode === undefined) continue;
        const verb = VERBS[verbCode];
        if (!verb)
          throw new Error(`${type.name}.${name}: HTTP method ${RequestMethod[verbCode]} not covered`);
        for (const base of paths(Reflect.getMetadata(PATH_METADATA, type))) {
          for (const sub of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({
              method: verb,
              path: joinPath(base, sub),
              handler: `${type.name}.${name}`,
              isPublic: metadata<boolean>(PUBLIC_ROUTE, handler, type) === true,
              isSession: metadata<boolean>(SESSION_ROUTE, handler, type) === true,
              permission: metadata<Permission>(REQUIRED_PERMISSION, handler, type),
            });
          }
        }
      }
    }
  }
  return routes;
}

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every method + path the underlying Express router actually answers, however it was mounted. */
export function expressRoutes(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const found: string[] = [];
  for (const layer of instance.router.stack) {
    if (!layer.route) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (!enabled || method === '_all') continue;
      for (const path of paths(layer.route.path)) found.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return found;
}

export function routeKey(route: { method: string; path: string }): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

export function isPlatformPath(path: string): boolean {
  return path === '/platform' || path.startsWith('/platform/');
}

/**
 * What the access guard must decide for `role` on a non-public route, from the route's declared
 * metadata and the one permission table: session routes for anyone signed in; /platform/** for
 * platform_admin only (and its permission, if it declares one); tenant routes for the tenant roles
 * the permission grants, never platform_admin; a route declaring nothing for no one.
 */
export function expectedAllowed(route: DiscoveredRoute, role: Role): boolean {
  if (route.isSession) return true;
  if (isPlatformPath(route.path))
    return role === 'platform_admin' && (route.permission ? grants([role], route.permission) : true);
  if (role === 'platform_admin' || !route.permission) return false;
  return grants([role], route.permission);
}
