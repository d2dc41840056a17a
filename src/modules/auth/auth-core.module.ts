import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TenantsModule } from '../tenants/tenants.module';
import { AccessTokenCheck } from './application/access-token-check';
import { ApiKeyAdministration } from './application/api-key-administration';
import { ApiKeyAuthentication } from './application/api-key-authentication';
import { AuthAudit } from './application/auth-audit';
import { BootstrapPlatformAdmin } from './application/bootstrap-platform-admin';
import { CsrfTokens } from './application/csrf-tokens';
import { Login } from './application/login';
import { Logout } from './application/logout';
import { AccessTokenSigner } from './application/ports/access-token-signer';
import { ApiKeyRepository } from './application/ports/api-key-repository';
import { PasswordHasher } from './application/ports/password-hasher';
import { RevocationMarkers } from './application/ports/revocation-markers';
import { SessionStore } from './application/ports/session-store';
import { TenantDirectory } from './application/ports/tenant-directory';
import { UserRepository } from './application/ports/user-repository';
import { RefreshSession } from './application/refresh-session';
import { SessionRevocation } from './application/session-revocation';
import { SessionTokens } from './application/session-tokens';
import { UserAdministration } from './application/user-administration';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { JwtAccessTokenSigner } from './infrastructure/jwt-access-token-signer';
import { PostgresApiKeyRepository } from './infrastructure/postgres-api-key-repository';
import { PostgresSessionStore } from './infrastructure/postgres-session-store';
import { PostgresUserRepository } from './infrastructure/postgres-user-repository';
import { RedisRevocationMarkers } from './infrastructure/redis-revocation-markers';
import { RegistryTenantDirectory } from './infrastructure/registry-tenant-directory';

const USE_CASES = [
  Login,
  RefreshSession,
  Logout,
  SessionTokens,
  SessionRevocation,
  AccessTokenCheck,
  ApiKeyAdministration,
  ApiKeyAuthentication,
  UserAdministration,
  BootstrapPlatformAdmin,
  CsrfTokens,
  AuthAudit,
];

/** Auth's use cases bound to their adapters, without HTTP: shared by the API and the `users` CLI. */
@Module({
  imports: [TenantsModule, JwtModule.register({})],
  providers: [
    ...USE_CASES,
    { provide: PasswordHasher, useFactory: () => new Argon2PasswordHasher() },
    { provide: UserRepository, useClass: PostgresUserRepository },
    { provide: SessionStore, useClass: PostgresSessionStore },
    { provide: ApiKeyRepository, useClass: PostgresApiKeyRepository },
    { provide: RevocationMarkers, useClass: RedisRevocationMarkers },
    { provide: AccessTokenSigner, useClass: JwtAccessTokenSigner },
    { provide: TenantDirectory, useClass: RegistryTenantDirectory },
  ],
  exports: [...USE_CASES, PasswordHasher, UserRepository],
})
export class AuthCoreModule {}
