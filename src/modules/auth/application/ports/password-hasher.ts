/** Slow, salted password hashing (argon2id in production). */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** True when the hash was made with other parameters than today's: rehash it after a login. */
  abstract needsRehash(hash: string): boolean;
  /** Spends the time of a real verification, for accounts that do not exist. */
  abstract verifyAgainstDummy(password: string): Promise<void>;
}
