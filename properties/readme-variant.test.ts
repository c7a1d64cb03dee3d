// The README's "Adding a theorem variant" steps, run as written in a scratch copy of the
// repository (src/, bin/, the store, the configs; node_modules linked): `rlaif-props new` must
// give a part that builds, holds and has a load-bearing tag of its own; `new --from` a part that
// holds as its base does; `new` refuses taken and malformed ids and never overwrites; and
// `npm run typecheck` (part of `npm test`) catches what CI's tsc would. Then what a variant
// author gets wrong must come back as one line naming both files, exit 2: a part id already
// taken, a tag or a field that THEORY already has.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COPY = mkdtempSync(join(tmpdir(), 'rlaif-readme-'));

/** The shell lines of the README block that follows `marker`, comments stripped. */
function readmeBlock(marker: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const after = readme.slice(readme.indexOf(marker));
  const block = /```sh\n([\s\S]*?)```/.exec(after)![1];
  return block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

const sh = (line: string) =>
  spawnSync('bash', ['-c', line], {
    cwd: COPY,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, PATH: `${join(COPY, 'node_modules', '.bin')}:${process.env.PATH}`, npm_config_update_notifier: 'false' },
  });

const cli = (...args: string[]) => sh(`node bin/rlaif-props.cjs ${args.join(' ')}`);
const build = () => sh('npm run -s build');

beforeAll(() => {
  for (const f of ['src', 'bin', 'scripts', 'counterexamples', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'properties', 'bench', 'vitest.config.ts', 'docs'])
    cpSync(join(ROOT, f), join(COPY, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(COPY, 'node_modules'), 'dir');
  // Built once here so that each test can run alone (-t); the README's steps build again.
  const b = build();
  if (b.status !== 0) throw new Error(`build of the scratch copy failed: ${b.stdout}${b.stderr}`);
});

afterAll(() => rmSync(COPY, { recursive: true, force: true }));

/** Run the README block after `marker` line by line; every line must exit 0. Returns each line's output. */
function runBlock(marker: string): string[] {
  const lines = readmeBlock(marker);
  expect(lines.length).toBeGreaterThanOrEqual(3);
  return lines.map((line) => {
    const r = sh(line);
    expect(r.status, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
    return r.stdout;
  });
}

describe("the README's variant steps, literally", () => {
  it('new R1m, build, check: the scaffold holds; its own tag is load-bearing', () => {
    const out = runBlock('To start a variant of your own');
    expect(out[0]).toMatch(/^created src\/variants\/r1m\.ts/);
    expect(out[2]).toMatch(/^R1m: holds on \d+ runs; (\d+)\/\1 draws met the precondition/m);
    expect(out[3]).toMatch(/^R1m with positive-stretch dropped: COUNTEREXAMPLE \(d = 1,/m);
    // The regenerated docs name the variant's field and part.
    expect(readFileSync(join(COPY, 'docs', 'FIELDS.md'), 'utf8')).toContain('`stretch`');
    expect(readFileSync(join(COPY, 'docs', 'THEOREMS.md'), 'utf8')).toContain('## R1m: ');
    // It is registered, with its own tag and field, beside the shipped variant.
    const list = cli('list', '--json');
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).filter((p: { variant: boolean }) => p.variant).map((p: { id: string }) => p.id).sort()).toEqual(['R1m', 'R1n']);
  });

  it('new --from T2.c: a variant of an existing part, with its generator and tags', () => {
    const out = runBlock('Or start from a part that exists');
    expect(out[2]).toMatch(/^T2c-variant: holds on \d+ runs/m);
    const part = JSON.parse(cli('list', '--json').stdout).find((p: { id: string }) => p.id === 'T2c-variant');
    expect(part.tags).toEqual(['linear-value', 'isotropic', 'converged']);
  });

  it('a scaffold from a variant carries its own tags and fields (R1n: large-sample, n)', () => {
    expect(cli('new', 'R1w', '--from', 'R1n').status).toBe(0);
    expect(build().status).toBe(0);
    const r = cli('check', 'R1w');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(cli('list', '--json').stdout).find((p: { id: string }) => p.id === 'R1w').tags).toContain('large-sample');
    unlinkSync(join(COPY, 'src', 'variants', 'r1w.ts'));
    rmSync(join(COPY, 'dist', 'variants', 'r1w.js'));
  });

  it('new refuses a taken id, a malformed one and an existing file, in one line, exit 2, writing nothing', () => {
    writeFileSync(join(COPY, 'src', 'variants', 'r1q.ts'), readFileSync(join(COPY, 'src', 'variants', 'r1m.ts'), 'utf8').replace(/'R1m'/g, "'R1x'"));
    const before = readFileSync(join(COPY, 'src', 'variants', 'r1q.ts'), 'utf8');
    onTestFinished(() => rmSync(join(COPY, 'src', 'variants', 'r1q.ts'), { force: true }));
    for (const [args, message] of [
      [['new', 'R1n'], /id "R1n" is taken \(src\/variants\/r1-finite-sample\.ts\)/],
      [['new', 't2.a'], /id "t2\.a" is taken/],
      [['new', '../evil'], /cannot be an id/],
      [['new', 'R1q'], /src\/variants\/r1q\.ts: exists already \(nothing was written\)/],
      [['new', 'R1z', '--from', 'T99'], /unknown theorem id "T99"/],
    ] as const) {
      const r = cli(...args);
      expect(r.status, r.stdout + r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(readFileSync(join(COPY, 'src', 'variants', 'r1q.ts'), 'utf8')).toBe(before);
  });

  it('npm test type-checks: an unused import in a variant fails `npm run typecheck`, naming the file', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toMatch(/npm run typecheck && vitest run/);
    expect(cli('new', 'R1u').status).toBe(0);
    const file = join(COPY, 'src', 'variants', 'r1u.ts');
    writeFileSync(file, `import { all } from '../numeric/margin.ts';\n${readFileSync(file, 'utf8')}`);
    try {
      const r = sh('npm run -s typecheck');
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/src\/variants\/r1u\.ts\(1,\d+\): error TS6133: 'all' is declared but its value is never read/);
    } finally {
      rmSync(file);
    }
  });
});

describe('a variant declared wrongly is one line naming both files, exit 2', () => {
  const variant = (name: string, text: string) => writeFileSync(join(COPY, 'src', 'variants', name), text);
  const shipped = () => readFileSync(join(ROOT, 'src', 'variants', 'r1-finite-sample.ts'), 'utf8');
  const expectOneLine = (pattern: RegExp) => {
    const r = cli('list');
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  it('a part id already taken (a copy whose id was not changed)', () => {
    variant('dup.ts', shipped());
    expect(build().status).toBe(0);
    expectOneLine(/part id "R1n" is declared twice: in src\/variants\/dup\.ts and in src\/variants\/r1-finite-sample\.ts/);
    unlinkSync(join(COPY, 'src', 'variants', 'dup.ts'));
    rmSync(join(COPY, 'dist', 'variants', 'dup.js'));
  });

  it("a tag of THEORY's defined again", () => {
    variant('clash-tag.ts', shipped().replace(/'R1n'/g, "'R1t'").replace("defineTag('large-sample'", "defineTag('isotropic'").replace(", 'large-sample']", ']'));
    expect(build().status).toBe(0);
    expectOneLine(/src\/variants\/clash-tag\.ts: tag "isotropic" is THEORY's \(declared in src\/theorems\/tags\.ts\)/);
    unlinkSync(join(COPY, 'src', 'variants', 'clash-tag.ts'));
    rmSync(join(COPY, 'dist', 'variants', 'clash-tag.js'));
  });

  it("a field of THEORY's declared again", () => {
    variant('clash-field.ts', shipped().replace(/'R1n'/g, "'R1f'").replace("defineField({ name: 'n'", "defineField({ name: 'beta'"));
    expect(build().status).toBe(0);
    expectOneLine(/field "beta" is declared twice: in src\/instance\/fields\.ts and in src\/variants\/clash-field\.ts/);
    unlinkSync(join(COPY, 'src', 'variants', 'clash-field.ts'));
    rmSync(join(COPY, 'dist', 'variants', 'clash-field.js'));
  });
});
