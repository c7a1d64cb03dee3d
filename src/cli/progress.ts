import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

// cli-progress is required only when there is a terminal to draw on: pipes, CI logs and the
// commands that never draw a bar do not pay for loading it at start-up.
const loadCliProgress = (): typeof cliProgressModule => createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

export interface Progress {
  update(done: number, found: boolean): void;
  stop(): void;
}

/** A progress bar on a terminal (stderr), plain lines otherwise (CI logs, pipes). */
export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const cliProgress = loadCliProgress();
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} seeds {status}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { status: '' });
    return {
      update: (done, found) => bar.update(done, { status: found ? 'found' : '' }),
      stop: () => bar.stop(),
    };
  }
  return {
    update: (done, found) => process.stderr.write(`${label}: seed ${done}/${total}${found ? ' (found)' : ''}\n`),
    stop: () => {},
  };
}
