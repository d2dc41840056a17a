import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../platform/config/app-config';
import { UnknownTenantHostError } from '../domain/tenant-errors';

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

  /** Connection URL for `databaseName` on the server `hostKey`. */
  databaseUrl(hostKey: string, databaseName: string): string {
    const base = this.urls.get(hostKey);
    if (!base) throw new UnknownTenantHostError(hostKey);
    const url = new URL(base);
    url.pathname = `/${databaseName}`;
    return url.toString();
  }
}

export function hostKeyOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.hostname}:${url.port || '5432'}`;
}
