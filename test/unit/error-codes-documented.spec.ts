import { readFileSync } from 'node:fs';
import { InvalidReconciliationInputError } from '../../src/modules/reconciliation/domain/invalid-reconciliation-input.error';
import { classifyError } from '../../src/platform/errors/error-classification';
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

  it("answers the matching engine's refusal of malformed documents as 400 with every problem, not 500", () => {
    const problems = [
      { path: 'invoices[3].lines[1].currency', message: '"EURO" is not an ISO 4217 currency code' },
    ];
    expect(classifyError(new InvalidReconciliationInputError(problems))).toMatchObject({
      status: 400,
      code: 'RECONCILIATION.INVALID_INPUT',
      expected: true,
      extensions: { problems },
    });
  });
});
