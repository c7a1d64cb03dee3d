import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import type { Run } from '../cli/run.ts';

const BIN = fileURLToPath(new URL('../../bin/rlaif-props.cjs', import.meta.url));

/**
 * The real CLI in a child process, like `cli()` in properties/cli/run.ts (same binary, same
 * result shape), but asynchronous, so that the hostile corpus can run several cases at once.
 */
export function cliAsync(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** A digest of every file (path and bytes) under a folder; '' when it does not exist. */
export function treeHash(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      const st = statSync(p);
      h.update(`${relative(root, p)}\0${st.isDirectory() ? 'dir' : st.size}\0`);
      if (st.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(root);
  return h.digest('hex');
}


/** The CLI's `main` in process, with stdout and stderr captured (writes are global: not concurrent). */
export async function mainCaptured(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const o = process.stdout.write;
  const e = process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  try {
    return { status: await main(args), stdout, stderr };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}
