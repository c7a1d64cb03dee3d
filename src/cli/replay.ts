import { replay } from '../runner/replay.ts';
import { DEFAULT_STORE, displayPath, listFiles, load } from '../runner/store.ts';
import { parse } from './args.ts';
import type { Command } from './commands.ts';

export const replayCommand: Command = {
  summary: 're-evaluate stored counterexamples (all, or the files given): each must still violate its part',
  help: 'usage: rlaif-props replay [files…] [--store DIR]\n  Exit status: 0 all reproduce, 1 some no longer reproduce, 2 a file is malformed.',
  run(argv) {
    const { values, positionals } = parse(argv, { store: { type: 'string' } });
    const files = positionals.length ? positionals : listFiles(values.store ?? DEFAULT_STORE);
    let failed = 0;
    for (const file of files) {
      const r = replay(load(file));
      if (!r.reproduces) failed++;
      process.stdout.write(`${displayPath(file)}: ${r.reproduces ? `reproduces (margin ${r.margin.toPrecision(4)})` : `DOES NOT REPRODUCE: ${r.reason}`}\n`);
    }
    process.stdout.write(`${files.length - failed} reproduce, ${failed} do not\n`);
    return failed ? 1 : 0;
  },
};
