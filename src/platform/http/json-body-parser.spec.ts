import { bodyFault } from './json-body-parser';

describe('the JSON body depth check', () => {
  const arrays = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it('counts each object or array as a level, scalars as none', () => {
    expect(bodyFault({ a: 1, b: 'x', c: null }, 1)).toBeNull();
    expect(bodyFault({ a: { b: [1] } }, 2)).toBe('too_deep');
    expect(bodyFault({ a: { b: [1] } }, 3)).toBeNull();
    expect(bodyFault('text', 0)).toBeNull();
  });

  it('finds the deep branch beside shallow ones', () => {
    expect(bodyFault({ wide: [1, 2, 3], deep: arrays(40) }, 32)).toBe('too_deep');
  });

  it('walks a body nested 200,000 deep without overflowing the stack', () => {
    expect(bodyFault(arrays(200_000), 32)).toBe('too_deep');
  });
});

describe('the JSON body text check', () => {
  const parsed = (json: string): unknown => JSON.parse(json);

  it('refuses an unpaired surrogate in a value, however deep, and in a key', () => {
    expect(bodyFault(parsed('{"email":"\\ud800@example.com"}'), 32)).toBe('unpaired_surrogate');
    expect(bodyFault(parsed('{"roles":["x","\\udfff"]}'), 32)).toBe('unpaired_surrogate');
    expect(bodyFault(parsed('{"a":{"b":"ok\\ud83d"}}'), 32)).toBe('unpaired_surrogate');
    expect(bodyFault(parsed('{"\\udc00":1}'), 32)).toBe('unpaired_surrogate');
    expect(bodyFault(parsed('"\\ud800"'), 32)).toBe('unpaired_surrogate');
  });

  it('accepts text outside the basic plane written as a surrogate pair, and any other text', () => {
    expect(bodyFault(parsed('{"name":"Zoë \\ud83d\\ude00 株式会社","note":"\\u0000"}'), 32)).toBeNull();
  });
});
