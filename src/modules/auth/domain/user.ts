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

/**
 * An email as accounts compare it: composed (`é` typed either way is one letter), compatibility
 * forms as what they stand for (full-width `ａ` is `a`), trimmed, lower case.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** What SMTP carries (RFC 5321); the users table checks the same bound. */
export const MAX_EMAIL_LENGTH = 254;
/**
 * Characters no address part may hold: white space, `@`, controls, and whatever shows as nothing
 * (format characters such as the zero-width space, other default-ignorable ones such as the Hangul
 * filler or a variation selector, the blank braille pattern): each would make a second account that
 * looks like the first.
 */
const NOT_IN_PART = '\\s@\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2800';
/** One `@` and a dot in the domain: looser than the HTTP DTOs' check otherwise. */
const EMAIL_SHAPE = new RegExp(`^[^${NOT_IN_PART}]+@[^${NOT_IN_PART}]+\\.[^${NOT_IN_PART}]+$`, 'u');
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
