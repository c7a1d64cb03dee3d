import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, found: boolean): void;
  stop(): void;
}

/** A progress bar on a terminal (stderr), plain lines otherwise (CI logs, pipes). */
export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
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
