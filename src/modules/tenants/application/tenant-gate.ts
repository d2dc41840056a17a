import { Injectable } from '@nestjs/common';
import { AuditActor, AuditTrail } from '../../../platform/audit/audit-trail';
import { TenantContext } from '../../../platform/tenancy/tenant-context';
import type { Tenant } from '../domain/tenant';
import { assertTenantServable, isTenantServable } from '../domain/tenant-admission';
import { TenantMismatchError, TenantNotFoundError } from '../domain/tenant-errors';
import { isTenantIdShape, tenantReferenceKey } from '../domain/tenant-slug';
import { TenantRegistry } from './ports/tenant-registry';
import { TenantSchema } from './ports/tenant-schema';

export interface AdmissionRequest {
  /** The tenant of the verified credentials. */
  tenantId: string;
  /** Every tenant the request itself names (header, path parameters), by id or slug. */
  requestedTenants?: readonly string[];
  actor: AuditActor;
  requestId?: string;
  ip?: string;
}

/**
 * The door every tenant-scoped request passes once its credentials are verified: the tenant must
 * exist, be active and migrated, and any tenant the request names must be that same tenant.
 * Success binds the request's async context to the tenant.
 */
@Injectable()
export class TenantGate {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly schema: TenantSchema,
    private readonly context: TenantContext,
    private readonly audit: AuditTrail,
  ) {}

  async admit(request: AdmissionRequest): Promise<Tenant> {
    const tenant = await this.registry.findById(request.tenantId);
    if (!tenant) throw new TenantNotFoundError(request.tenantId);
    const foreign = request.requestedTenants?.find((requested) => !names(tenant, requested));
    if (foreign !== undefined) {
      await this.recordCrossTenantRequest(tenant, foreign, request);
      throw new TenantMismatchError();
    }
    assertTenantServable(tenant, this.schema.requiredVersion());
    this.context.enter(tenant.id);
    return tenant;
  }

  /**
   * Into the tenant's own audit log while it is served; otherwise into the platform's, naming the
   * tenant: a suspended or deleted tenant's database is not reopened (nor its pool) for a denial.
   */
  private recordCrossTenantRequest(
    tenant: Tenant,
    requestedTenant: string,
    request: AdmissionRequest,
  ): Promise<void> {
    const served = isTenantServable(tenant, this.schema.requiredVersion());
    const named = auditedReference(requestedTenant);
    return this.audit.record({
      action: 'tenant.cross_tenant_request',
      outcome: 'denied',
      tenantId: served ? tenant.id : null,
      actor: request.actor,
      requestId: request.requestId,
      ip: request.ip,
      details: served ? named : { ...named, credentialTenant: tenant.id, status: tenant.status },
    });
  }
}

/** Longer than any tenant id or slug: what a caller wrote beyond it is not worth a row's space. */
const AUDITED_REFERENCE_LENGTH = 100;

/**
 * The tenant a request named, as the audit keeps it: at most AUDITED_REFERENCE_LENGTH characters
 * (and the length it had), so a client sending 8 KB headers cannot fill the audit log with them.
 */
function auditedReference(requestedTenant: string): Record<string, string | number> {
  if (requestedTenant.length <= AUDITED_REFERENCE_LENGTH) return { requestedTenant };
  return {
    requestedTenant: requestedTenant.slice(0, AUDITED_REFERENCE_LENGTH),
    requestedTenantLength: requestedTenant.length,
  };
}

/** Whether a reference names the tenant: by id when it has an id's shape (no slug has), else by slug. */
function names(tenant: Tenant, reference: string): boolean {
  const key = tenantReferenceKey(reference);
  return isTenantIdShape(key) ? key === tenant.id : key === tenant.slug;
}
