import type { Role } from './role';

/** How the request proved who it is; only `cookie` needs CSRF protection. */
export type CredentialKind = 'cookie' | 'bearer' | 'api_key';

/** The verified caller of a request. */
export interface Principal {
  type: 'user' | 'api_key';
  id: string;
  /** Null for platform administrators. */
  tenantId: string | null;
  roles: Role[];
  /** The sign-in session (refresh family) a user's token belongs to. */
  sessionId?: string;
  via: CredentialKind;
}
