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

/** An email as accounts compare it: composed (`é` typed either way is one letter), trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** What SMTP carries (RFC 5321); the users table checks the same bound. */
export const MAX_EMAIL_LENGTH = 254;
/**
 * One `@`, a dot in the domain, no white space, control or invisible format characters (a
 * zero-width space would make a second account that looks like the first): looser than the HTTP
 * DTOs' check otherwise.
 */
const EMAIL_SHAPE = /^[^\s@\p{Cc}\p{Cf}]+@[^\s@\p{Cc}\p{Cf}]+\.[^\s@\p{Cc}\p{Cf}]+$/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
/** Scripts with letters that look like Latin ones (`а`, `і`, `ο`): mixed with Latin, an address impersonates another. */
const LATIN_LOOKALIKE_LETTER = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;

/**
 * An email as an account stores it: normalized, and shaped like an address whichever way it came
 * (the API validates it fully first; the `users` CLI and the bootstrap settings come straight here).
 * A part (the local part or a domain label) mixing Latin letters with look-alike ones is refused.
 */
export function accountEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email) || mixesLookalikes(email))
    throw new InvalidEmailError();
  return email;
}

function mixesLookalikes(email: string): boolean {
  return email.split(/[@.]/).some((part) => LATIN_LETTER.test(part) && LATIN_LOOKALIKE_LETTER.test(part));
}
