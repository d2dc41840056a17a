import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../platform/config/app-config';
import { TenantDatabaseUnavailableError } from '../domain/tenant-errors';

/** The configured tenant database servers, by key (`host:port`), with URLs built per database. */
@Injectable()
export class TenantHosts {
  private readonly urls = new Map<string, string>();

  constructor(config: AppConfig) {
    for (const url of config.tenantDatabases.hosts) this.urls.set(hostKeyOf(url), url);
  }

  keys(): string[] {
    return [...this.urls.keys()];
  }

  /**
   * Connection URL for `databaseName` on the server `hostKey`. A tenant's server taken out of
   * TENANT_DB_HOSTS while the tenant lives on it is this instance's problem (503), not the caller's:
   * a server the caller names is checked against `keys()` before it gets here.
   */
  databaseUrl(hostKey: string, databaseName: string): string {
    const base = this.urls.get(hostKey);
    if (!base)
      throw new TenantDatabaseUnavailableError(
        `its server ${hostKey} is not in this instance's TENANT_DB_HOSTS`,
      );
    const url = new URL(base);
    url.pathname = `/${databaseName}`;
    return url.toString();
  }
}

export function hostKeyOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.hostname}:${url.port || '5432'}`;
}
