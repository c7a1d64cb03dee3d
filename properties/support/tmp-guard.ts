/**
 * vitest's globalSetup: the whole run gets a temporary directory of its own (TMPDIR, which
 * os.tmpdir() and every child process read), and the run fails if anything is left in it at
 * the end, naming what was left. A private folder rather than a count of the shared /tmp, so
 * that other runs on the machine cannot make the check pass or fail.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a run left in `dir`, as one error message, or undefined when it is empty. */
export function leftovers(dir: string): string | undefined {
  // tsx (the TypeScript loader of worker threads started from the sources, e.g. necessity
  // --jobs under vitest) keeps its compile cache in `tsx-<uid>`: a tool's cache, not a scratch
  // folder of ours, and it goes with the run's private directory.
  const left = readdirSync(dir).filter((f) => !/^tsx-\d+$/.test(f)).sort();
  if (left.length === 0) return undefined;
  const shown = left.slice(0, 10).join(', ') + (left.length > 10 ? `, … (${left.length} in all)` : '');
  return `npm test left ${left.length} temporary entr${left.length === 1 ? 'y' : 'ies'} behind in the temporary directory: ${shown}; make scratch folders with scratchRoot() (properties/support/scratch.ts), which removes them after the file's tests`;
}

export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'rlaif-run-'));
  process.env.TMPDIR = dir;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    const message = leftovers(dir);
    rmSync(dir, { recursive: true, force: true });
    if (message) {
      // vitest reports an error thrown here but still exits 0: the exit status is set as well.
      process.exitCode = 1;
      throw new Error(message);
    }
  };
}
