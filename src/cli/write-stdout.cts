/**
 * Standard output written with write(2) on file descriptor 1, not through process.stdout, whose
 * creation for a pipe (a net.Socket) costs a few ms of a CLI start. CommonJS, so that the bin
 * (bin/rlaif-props.cjs) can require it for the answers it gives before any ES module loads;
 * src/cli/io.ts's `out` uses it for every other command run by the bin.
 *
 * A pipe closed early (`rlaif-props list | head`) ends the process quietly with its exit status;
 * a non-blocking descriptor that is full (EAGAIN) hands the rest to process.stdout, which waits
 * for it.
 */
import { writeSync } from 'node:fs';

export function writeStdout(text: string): void {
  const buf = Buffer.from(text, 'utf8');
  for (let off = 0; off < buf.length; ) {
    try {
      off += writeSync(1, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (code !== 'EAGAIN') throw e;
      process.stdout.write(buf.subarray(off));
      return;
    }
  }
}
