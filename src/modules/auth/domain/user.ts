import { InvalidEmailError } from './auth-errors';
import type { Role } from './role';

export type UserStatus = 'active' | 'disabled';

/** An account as the control plane stores it. `tenantId` null means a platform operator. */
export interface User {
  id: string;
  tenantId: string | null;
  email: string;
  passwordHash: string;
  roles: Role[];
  status: UserStatus;
  failedLoginCount: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What SMTP carries (RFC 5321); the users table checks the same bound. */
export const MAX_EMAIL_LENGTH = 254;
/** One `@`, a dot in the domain, no white space or control characters: looser than the HTTP DTOs' check. */
const EMAIL_SHAPE = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

/**
 * An email as an account stores it: normalized, and shaped like an address whichever way it came
 * (the API validates it fully first; the `users` CLI and the bootstrap settings come straight here).
 */
export function accountEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) throw new InvalidEmailError();
  return email;
}
