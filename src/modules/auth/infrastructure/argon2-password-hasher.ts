import { Injectable } from '@nestjs/common';
import { Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { PasswordHasher } from '../application/ports/password-hasher';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: 19 MiB memory, 2 passes, 1 lane (its first listed
 * configuration). Changing these makes every older hash "need rehash" at its owner's next login.
 */
export const ARGON2_PARAMETERS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  outputLen: number;
}

@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  private readonly parameters: Argon2Parameters & { algorithm: Algorithm };
  private dummyHash?: Promise<string>;

  constructor(parameters: Argon2Parameters = ARGON2_PARAMETERS) {
    super();
    this.parameters = { ...parameters, algorithm: Algorithm.Argon2id };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.parameters);
  }

  async verify(encoded: string, password: string): Promise<boolean> {
    try {
      return await verify(encoded, password);
    } catch {
      // A corrupt stored hash must not turn into a 500 that tells the account exists.
      return false;
    }
  }

  needsRehash(encoded: string): boolean {
    try {
      const current = parseOptions(encoded);
      return (
        current.algorithm !== Algorithm.Argon2id ||
        current.memoryCost !== this.parameters.memoryCost ||
        current.timeCost !== this.parameters.timeCost ||
        current.parallelism !== this.parameters.parallelism ||
        current.outputLen !== this.parameters.outputLen
      );
    } catch {
      return true;
    }
  }

  async verifyAgainstDummy(password: string): Promise<void> {
    this.dummyHash ??= this.hash(randomBytes(24).toString('base64url'));
    await this.verify(await this.dummyHash, password);
  }
}
