/**
 * Secrets other than the committed development ones, for tests that trust a proxy (the development
 * secrets are refused then: a proxy serves the network).
 */
export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-not-the-development-default-0123',
  COOKIE_SECRET: 'test-cookie-secret-not-the-development-default-01',
  ENCRYPTION_KEY: 'test-encryption-key-not-the-development-default-0',
} as const;
