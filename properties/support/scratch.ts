/**
 * Scratch folders for tests, all removed when the test file ends: every folder a test makes in
 * the temporary directory goes through here, so that `npm test` leaves nothing behind
 * (properties/support/tmp-guard.ts fails the run if it does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * One folder `rlaif-<name>-XXXXXX` for the calling test file, removed after all its tests; call
 * it at the top level of the file (the removal hook is registered on the file's suite).
 * `sub(prefix)` makes a fresh folder inside it, for tests that want one per run.
 */
export function scratchRoot(name: string): { readonly root: string; sub(prefix?: string): string } {
  const root = mkdtempSync(join(tmpdir(), `rlaif-${name}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return { root, sub: (prefix = 'x') => mkdtempSync(join(root, `${prefix}-`)) };
}
