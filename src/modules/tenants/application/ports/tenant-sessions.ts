/**
 * Sign-in sessions of a tenant's users. Suspending or deleting a tenant ends them at once; the
 * auth module implements this.
 */
export abstract class TenantSessions {
  abstract revokeTenant(tenantId: string): Promise<void>;
}
