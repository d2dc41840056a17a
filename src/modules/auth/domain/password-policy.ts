import { WeakPasswordError } from './auth-errors';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it cannot be used to burn CPU. */
export const PASSWORD_MAX_LENGTH = 256;

export interface PasswordContext {
  email: string;
  /** The tenant's slug and display name, when the user belongs to one. */
  tenantNames?: string[];
}

/**
 * NIST SP 800-63B style: length over composition rules, and nothing guessable from the account
 * itself (the email's local part, the tenant's names). Throws listing every reason.
 */
export function assertAcceptablePassword(password: string, context: PasswordContext): void {
  const reasons: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) reasons.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) reasons.push(`at most ${PASSWORD_MAX_LENGTH} characters`);
  const lowered = password.toLowerCase();
  const localPart = context.email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && lowered.includes(localPart)) reasons.push('must not contain your email name');
  for (const name of context.tenantNames ?? []) {
    const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (compact.length >= 3 && lowered.replace(/[^a-z0-9]/g, '').includes(compact)) {
      reasons.push('must not contain the company name');
      break;
    }
  }
  if (new Set(password).size < 4) reasons.push('must not be one or a few repeated characters');
  if (reasons.length > 0) throw new WeakPasswordError(reasons);
}
