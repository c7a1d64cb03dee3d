// The README's "Adding a theorem variant" steps, run as written in a scratch copy of the
// repository (src/, bin/, the store, the configs; node_modules linked): copying the shipped
// variant and giving it a new id must give a part that builds and holds. Then what a variant
// author gets wrong must come back as one line naming both files, exit 2: a part id already
// taken, a tag or a field that THEORY already has.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

const cli = (...args: string[]) => sh(`node bin/rlaif-props.js ${args.join(' ')}`);
const build = () => sh('npm run -s build');

beforeAll(() => {
  for (const f of ['src', 'bin', 'scripts', 'counterexamples', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md'])
    cpSync(join(ROOT, f), join(COPY, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(COPY, 'node_modules'), 'dir');
});

afterAll(() => rmSync(COPY, { recursive: true, force: true }));

describe("the README's variant steps, literally", () => {
  it('copy the shipped variant, give it a new id, build, check: the new part holds', () => {
    const lines = readmeBlock('To start a variant of your own');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    let last = sh('true');
    for (const line of lines) {
      last = sh(line);
      expect(last.status, `${line}\n${last.stdout}${last.stderr}`).toBe(0);
    }
    expect(last.stdout).toMatch(/^R1m: holds on \d+ runs/m);
    // Both variants are registered, each with its own `large-sample` tag and `n` field.
    const list = cli('list', '--json');
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).filter((p: { variant: boolean }) => p.variant).map((p: { id: string }) => p.id)).toEqual(['R1m', 'R1n']);
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
