// A stale witness (one that no longer replays, as after a change to the model) fails `npm test`
// in one place, properties/replay.test.ts, with a message naming the file, why it no longer
// replays and the prune command; the other tests that read the store (the CLI's replay count,
// the registry's, the shrinker's through replayingWitnesses) do not fail because of it. Shown
// in a scratch copy of the repository whose store has one witness's margin altered.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../src/runner/store.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { scratchRoot } from './support/scratch.ts';
import { replayingWitnesses } from './support/witnesses.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COPY = scratchRoot('stale').root;
for (const f of ['src', 'scripts', 'properties', 'counterexamples', 'docs', 'package.json', 'tsconfig.json', 'vitest.config.ts']) cpSync(join(ROOT, f), join(COPY, f), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(COPY, 'node_modules'), 'dir');

// A committed witness whose recorded margin no longer matches what the model computes.
const stale = listFiles(join(COPY, 'counterexamples')).find((f) => f.includes('/T2.c/'))!;
const record = JSON.parse(readFileSync(stale, 'utf8'));
writeFileSync(stale, `${JSON.stringify({ ...record, margin: record.margin * 3 }, null, 2)}\n`);
const staleName = stale.slice(COPY.length + 1);

describe('a stale witness', () => {
  it('fails replay.test.ts with the file, the reason and the prune command, and no other test', () => {
    const files = ['properties/replay.test.ts', 'properties/registry.test.ts', 'properties/cli/main.test.ts', 'properties/runner/store.test.ts'];
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files, '--reporter=json'], {
      cwd: COPY,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 240_000,
      maxBuffer: 64 << 20,
    });
    expect(r.status, r.stderr.slice(-2000)).toBe(1);
    const report = JSON.parse(r.stdout) as { testResults: { name: string; assertionResults: { status: string; failureMessages: string[] }[] }[] };
    const failed = report.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => ({ file: f.name.slice(COPY.length + 1), message: a.failureMessages.join('\n') })));
    expect(failed.map((f) => f.file)).toEqual(['properties/replay.test.ts']);
    expect(failed[0].message).toContain(`${staleName} no longer replays: margin drifted from ${record.margin * 3} to `);
    expect(failed[0].message).toContain('npx rlaif-props prune --apply');
  });

  it('is left out of the witnesses other tests use, and prune lists it', async () => {
    const registry = await loadRegistry();
    const store = join(COPY, 'counterexamples');
    expect(replayingWitnesses(registry, store).map((c) => c.file)).not.toContain(stale);
    expect(replayingWitnesses(registry, store)).toHaveLength(listFiles(store).length - 1);
    const prune = spawnSync(process.execPath, [join(ROOT, 'bin/rlaif-props.cjs'), 'prune', '--store', store], { encoding: 'utf8', timeout: 60_000 });
    expect(prune.stdout).toMatch(/T2\.c\/\S+\.json: no longer replays: margin drifted/);
  });
});
