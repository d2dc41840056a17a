import { hash, parseOptions } from '@node-rs/argon2';
import { Argon2PasswordHasher, ARGON2_PARAMETERS } from './argon2-password-hasher';

describe('Argon2PasswordHasher (the native @node-rs/argon2 binary loads here)', () => {
  const hasher = new Argon2PasswordHasher();

  it('hashes with argon2id and the OWASP parameters, salted', async () => {
    const first = await hasher.hash('violet-harbor-57');
    const second = await hasher.hash('violet-harbor-57');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(parseOptions(first)).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('verifies the right password only', async () => {
    const stored = await hasher.hash('violet-harbor-57');
    await expect(hasher.verify(stored, 'violet-harbor-57')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'violet-harbor-58')).resolves.toBe(false);
    await expect(hasher.verify('not-a-hash', 'violet-harbor-57')).resolves.toBe(false);
  });

  it('asks for a rehash when the stored parameters differ from today', async () => {
    const weak = await hash('violet-harbor-57', { ...ARGON2_PARAMETERS, memoryCost: 4096, timeCost: 1 });
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('violet-harbor-57'))).toBe(false);
    expect(hasher.needsRehash('$2b$10$bcrypt-hash')).toBe(true);
  });

  it('spends about the time of a real verification on the dummy', async () => {
    const stored = await hasher.hash('violet-harbor-57');
    await hasher.verifyAgainstDummy('warm-up');
    const median = async (work: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = process.hrtime.bigint();
        await work();
        times.push(Number(process.hrtime.bigint() - started));
      }
      return times.sort((a, b) => a - b)[2];
    };
    const real = await median(() => hasher.verify(stored, 'wrong-password-1'));
    const dummy = await median(() => hasher.verifyAgainstDummy('wrong-password-1'));
    expect(dummy).toBeGreaterThan(real * 0.25);
  });
});
