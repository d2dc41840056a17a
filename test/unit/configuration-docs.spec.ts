import { readFileSync } from 'node:fs';
import { environmentSchema } from '../../src/platform/config/environment.schema';

// Every variable the schema reads is documented twice, in .env.example (with a comment) and in
// the README's configuration table, and neither documents a variable the schema does not read.
const variables = Object.keys(environmentSchema.shape).sort();

function envExampleVariables(): string[] {
  return readFileSync('.env.example', 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** Names in the first column of the README's configuration table (| `A` / `B` | default | meaning |). */
function readmeTableVariables(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf('| variable |'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
}

describe('configuration documentation', () => {
  it('lists every schema variable in .env.example, each after a comment line', () => {
    const documented = envExampleVariables();
    expect(variables.filter((name) => !documented.includes(name))).toEqual([]);
    const lines = readFileSync('.env.example', 'utf8').split('\n');
    const uncommented = variables.filter((name) => {
      const index = lines.findIndex((line) => new RegExp(`^#?\\s*${name}=`).test(line));
      // A variable may share the comment of the one above it (e.g. a retry count and its delay).
      let above = index - 1;
      while (above >= 0 && /^#?\s*[A-Z][A-Z0-9_]+=/.test(lines[above])) above -= 1;
      return above < 0 || !lines[above].startsWith('#');
    });
    expect(uncommented).toEqual([]);
  });

  it('lists every schema variable, spelled out in full, in the README configuration table', () => {
    const documented = readmeTableVariables();
    expect(variables.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('documents no variable the schema does not read', () => {
    expect(envExampleVariables().filter((name) => !variables.includes(name))).toEqual([]);
    expect(readmeTableVariables().filter((name) => !variables.includes(name))).toEqual([]);
  });
});
