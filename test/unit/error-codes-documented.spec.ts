import { readFileSync } from 'node:fs';
import { knownErrorCodes, statusForCode } from '../../src/platform/errors/error-status';

describe('docs/errors.md', () => {
  it('lists every stable error code with the status the API answers', () => {
    const documented = new Map(
      [
        ...readFileSync('docs/errors.md', 'utf8').matchAll(/^\| `([A-Z_]+(?:\.[A-Z_]+)?)` \| (\d{3}) \|/gm),
      ].map(([, code, status]) => [code, Number(status)]),
    );
    const undocumented = knownErrorCodes().filter((code) => documented.get(code) !== statusForCode(code));
    expect(undocumented).toEqual([]);
  });
});
