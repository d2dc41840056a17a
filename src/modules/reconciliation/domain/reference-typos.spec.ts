import { forEachNumericTypo, isOneTypoAway, numericReference, typoAlphabet } from './reference-typos';

/** Every string one typo away, built as the variant search builds them (the reference definition). */
function variantsOf(cited: string): Set<string> {
  const alphabet = typoAlphabet(cited);
  const variants = new Set<string>();
  for (let i = 0; i <= cited.length; i += 1) {
    const head = cited.slice(0, i);
    const tail = cited.slice(i);
    if (i < cited.length) {
      variants.add(head + tail.slice(1));
      if (i + 1 < cited.length) variants.add(head + tail[1] + tail[0] + tail.slice(2));
      for (const character of alphabet) variants.add(head + character + tail.slice(1));
    }
    for (const character of alphabet) variants.add(head + character + tail);
  }
  variants.delete(cited);
  return variants;
}

/** A small seeded generator, so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('one typo away', () => {
  it('finds exactly the references the variant search finds, and no other', () => {
    const next = random(11);
    const pick = (characters: string) => characters[Math.floor(next() * characters.length)];
    const disagreements: string[] = [];
    const check = (cited: string, candidate: string, alphabet: string, expected: boolean) => {
      if (isOneTypoAway(cited, candidate, alphabet) !== expected)
        disagreements.push(`${cited} vs ${candidate}: expected ${expected}`);
    };
    for (let round = 0; round < 1500; round += 1) {
      const length = 1 + Math.floor(next() * 7);
      let cited = '';
      for (let i = 0; i < length; i += 1) cited += pick(round % 2 === 0 ? '0123456789' : '019AB');
      const alphabet = typoAlphabet(cited);
      const variants = variantsOf(cited);
      for (const variant of variants) check(cited, variant, alphabet, true);
      for (let k = 0; k < 40; k += 1) {
        // Random near and far strings, with characters inside and outside the alphabet.
        const candidateLength = Math.max(0, length - 2 + Math.floor(next() * 5));
        let candidate = '';
        for (let i = 0; i < candidateLength; i += 1)
          candidate += next() < 0.8 ? (cited[i] ?? pick('0123ABXZ')) : pick('0123ABXZ');
        check(cited, candidate, alphabet, variants.has(candidate));
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees with the numeric variants of an all-digit reference', () => {
    for (const cited of ['10', '2026000123', '99', '100', '12345678901234']) {
      const numeric = new Set<number>();
      forEachNumericTypo(cited, (value) => numeric.add(value));
      numeric.delete(numericReference(cited) as number);
      const alphabet = typoAlphabet(cited);
      const byString = [...variantsOf(cited)].filter((variant) => numericReference(variant) !== null);
      expect(new Set(byString.map(Number))).toEqual(numeric);
      for (const variant of byString) expect(isOneTypoAway(cited, variant, alphabet)).toBe(true);
    }
  });

  it('allows a wrong or extra character only from the digits and the reference own characters', () => {
    expect(isOneTypoAway('AB12', 'AB13', typoAlphabet('AB12'))).toBe(true);
    expect(isOneTypoAway('AB12', 'AB1Z', typoAlphabet('AB12'))).toBe(false);
    expect(isOneTypoAway('AB12', 'AB12B', typoAlphabet('AB12'))).toBe(true);
    expect(isOneTypoAway('AB12', 'AB12Z', typoAlphabet('AB12'))).toBe(false);
    expect(isOneTypoAway('AB12', 'BA12', typoAlphabet('AB12'))).toBe(true);
    expect(isOneTypoAway('AB12', 'AB12', typoAlphabet('AB12'))).toBe(false);
    expect(isOneTypoAway('AB12', 'A12', typoAlphabet('AB12'))).toBe(true);
    expect(isOneTypoAway('AB12', 'B21A', typoAlphabet('AB12'))).toBe(false);
  });
});
