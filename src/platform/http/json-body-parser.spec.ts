import { nestsDeeperThan } from './json-body-parser';

describe('the JSON body depth check', () => {
  const arrays = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it('counts each object or array as a level, scalars as none', () => {
    expect(nestsDeeperThan({ a: 1, b: 'x', c: null }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1] } }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });

  it('finds the deep branch beside shallow ones', () => {
    expect(nestsDeeperThan({ wide: [1, 2, 3], deep: arrays(40) }, 32)).toBe(true);
  });

  it('walks a body nested 200,000 deep without overflowing the stack', () => {
    expect(nestsDeeperThan(arrays(200_000), 32)).toBe(true);
  });
});
