import { existsSync } from 'node:fs';
import { InputError } from '../numeric/errors.ts';
import { parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

export const replayCommand: Command = {
  summary: 're-evaluate stored counterexamples (all, or the files given): each must still violate its part',
  help: 'usage: rlaif-props replay [files…] [--store DIR]\n  Exit status: 0 all reproduce, 1 some no longer reproduce, 2 a file is malformed.',
  async run(argv) {
    const { values, positionals } = parse(argv, { store: { type: 'string' } });
    // Loaded here, not at start-up: the store's schema library is slow to import (see hunt.ts).
    const { DEFAULT_STORE, displayPath, listFiles, load } = await import('../runner/store.ts');
    const { replay } = await import('../runner/replay.ts');
    // The default store may be absent (nothing stored yet); a store named on purpose must exist.
    if (values.store !== undefined && !existsSync(values.store)) throw new InputError(`--store ${values.store}: no such directory`);
    const files = positionals.length ? positionals : listFiles(values.store ?? DEFAULT_STORE);
    // Every file is loaded (validated) before any is replayed: a malformed one fails alone, at once.
    const records = files.map(load);
    const { loadRegistry } = await import('../theorems/registry.ts'); // not at start-up: it imports every model
    const registry = await loadRegistry();
    let failed = 0;
    for (const [i, file] of files.entries()) {
      const r = replay(records[i], registry.getPart(records[i].theorem));
      if (!r.reproduces) failed++;
      process.stdout.write(`${displayPath(file)}: ${r.reproduces ? `reproduces (margin ${r.margin.toPrecision(4)})` : `DOES NOT REPRODUCE: ${r.reason}`}\n`);
    }
    process.stdout.write(`${files.length - failed} reproduce, ${failed} do not\n`);
    return failed ? EXIT.failed : EXIT.ok;
  },
};
