import { Reflector } from '@nestjs/core';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, timer } from 'rxjs';
import { map } from 'rxjs/operators';
import { PlatformTenantsController } from '../../modules/tenants/http/platform-tenants.controller';
import { loadAppConfig } from '../config/app-config';
import { LONG_OPERATION, LongOperation } from './long-operation';
import { RequestTimeoutInterceptor } from './request-timeout.interceptor';

class Handlers {
  ordinary(): void {}

  @LongOperation()
  migrateEveryTenant(): void {}
}

const contextFor = (handler: () => void) => ({ getHandler: () => handler }) as unknown as ExecutionContext;
const taking = (ms: number): CallHandler => ({ handle: () => timer(ms).pipe(map(() => 'done')) });

describe('request timeout', () => {
  const interceptor = new RequestTimeoutInterceptor(
    loadAppConfig({ REQUEST_TIMEOUT_MS: '20' }),
    new Reflector(),
  );

  it('answers REQUEST.TIMEOUT when an ordinary handler outlives REQUEST_TIMEOUT_MS', async () => {
    const answer = lastValueFrom(interceptor.intercept(contextFor(Handlers.prototype.ordinary), taking(60)));
    await expect(answer).rejects.toMatchObject({ code: 'REQUEST.TIMEOUT' });
  });

  it('lets a long operation run past REQUEST_TIMEOUT_MS', async () => {
    const answer = lastValueFrom(
      interceptor.intercept(contextFor(Handlers.prototype.migrateEveryTenant), taking(60)),
    );
    await expect(answer).resolves.toBe('done');
  });

  it("marks the platform's whole-fleet migration, per-tenant migration, backup and restore as long operations", () => {
    const marked = (name: keyof PlatformTenantsController) =>
      Reflect.getMetadata(LONG_OPERATION, PlatformTenantsController.prototype[name]) === true;
    expect(
      ['migrateAll', 'restore', 'migrateOne', 'backup'].map((name) => [name, marked(name as never)]),
    ).toEqual([
      ['migrateAll', true],
      ['restore', true],
      ['migrateOne', true],
      ['backup', true],
    ]);
    expect(marked('list' as never)).toBe(false);
  });
});
