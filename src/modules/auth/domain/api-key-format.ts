/**
 * `frk_<prefix>_<secret>`: the prefix (12 lowercase base32 characters) identifies the key and may
 * be shown and logged; the secret (43 base64url characters, 256 bits) is shown once and only its
 * SHA-256 is stored.
 */
const API_KEY = /^frk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

export function parseApiKey(presented: string): ParsedApiKey | null {
  const match = API_KEY.exec(presented.trim());
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function formatApiKey(prefix: string, secret: string): string {
  return `frk_${prefix}_${secret}`;
}
