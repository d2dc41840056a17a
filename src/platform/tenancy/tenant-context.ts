import { Injectable } from '@nestjs/common';
import { ClsService, ClsStore } from 'nestjs-cls';
import { DomainError } from '../errors/domain-error';

interface TenantStore extends ClsStore {
  tenantId?: string;
}

export class TenantContextMissingError extends DomainError {
  readonly code = 'TENANT.CONTEXT_MISSING';
  constructor() {
    super('This operation needs a tenant, and the request has none');
  }
}

/**
 * The tenant of the current request or job, carried in AsyncLocalStorage (nestjs-cls). It is set
 * once, from the verified token (HTTP) or the job's payload (worker), and never from anything a
 * client can change afterwards.
 */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService<TenantStore>) {}

  /** Binds the current async context (an HTTP request) to a tenant. */
  enter(tenantId: string): void {
    this.cls.set('tenantId', tenantId);
  }

  /** Runs `work` in a fresh context bound to `tenantId` (worker jobs, CLI, tests). */
  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.cls.run(() => {
      this.cls.set('tenantId', tenantId);
      return work();
    });
  }

  currentTenantId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('tenantId') : undefined;
  }

  requireTenantId(): string {
    const tenantId = this.currentTenantId();
    if (!tenantId) throw new TenantContextMissingError();
    return tenantId;
  }
}
