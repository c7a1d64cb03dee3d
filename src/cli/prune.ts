import { existsSync } from 'node:fs';
import { InputError } from '../numeric/errors.ts';
import { parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

export const pruneCommand: Command = {
  summary: 'list stored witnesses that no longer replay or that a simpler one supersedes; --apply removes them',
  help: [
    'usage: rlaif-props prune [--apply] [--store DIR] [--json]',
    '  Lists each witness of the store (default counterexamples/) that can go, with the reason:',
    '    stale       it no longer replays (it no longer violates its part, no longer meets the tags it',
    '                kept, its margin drifted, or its part is gone)',
    '    superseded  another witness of the same part and dropped tags replays and is simpler',
    '                (smaller dimension, then simpler numbers)',
    '  A witness named by a part\'s expected outcome or by the necessity table is listed but kept:',
    '  regenerate the table (rlaif-props necessity --rehunt) or edit the outcome first.',
    '  --apply  remove the listed witnesses that are not kept (the only way a run removes a witness)',
    '  Exit status: 0 nothing to prune or all of it removed; 1 something is left to prune; 2 bad input.',
  ].join('\n'),
  async run(argv) {
    // Loaded when the command runs, not when the CLI starts (`list` and `--version` stay light).
    const { loadRegistry } = await import('../theorems/registry.ts');
    const { values, positionals } = parse(argv, { apply: { type: 'boolean' }, store: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length) throw new InputError(`prune takes no arguments (got "${positionals[0]}")`);
    if (values.store !== undefined && !existsSync(values.store)) throw new InputError(`--store ${values.store}: no such directory`);
    // Loaded here, not at start-up: the store's schema library is slow to import (see hunt.ts).
    const { DEFAULT_STORE, DirectoryStore, displayPath } = await import('../runner/store.ts');
    const { findPrunable, referencedWitnesses } = await import('../runner/prune.ts');
    const { tableRows } = await import('../runner/necessity-file.ts');
    const store = new DirectoryStore(values.store ?? DEFAULT_STORE);
    const registry = await loadRegistry();
    const entries = findPrunable(store.loadAll(), registry.getPart, referencedWitnesses(store.location, registry.parts, tableRows(store.location)));
    const removable = entries.filter((e) => !e.keptBecause);
    if (values.apply) for (const e of removable) store.retire(e.file);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(entries.map((e) => ({ ...e, file: displayPath(e.file), removed: !!values.apply && !e.keptBecause })), null, 2)}\n`);
    } else {
      for (const e of entries)
        process.stdout.write(
          `${displayPath(e.file)}: ${e.kind === 'stale' ? `no longer replays: ${e.reason}` : e.reason.replace(/by the simpler (\S+)/, (_, f: string) => `by the simpler ${displayPath(f)}`)}` +
            `${e.keptBecause ? ` — KEPT: named by ${e.keptBecause}` : values.apply ? ' — removed' : ''}\n`,
        );
      const kept = entries.length - removable.length;
      const keptNote = kept ? `; ${kept} kept because the table or an expected outcome names them` : '';
      if (entries.length === 0) process.stdout.write('nothing to prune: every stored witness replays and none is superseded\n');
      else if (values.apply) process.stdout.write(`removed ${removable.length} witness(es)${keptNote}\n`);
      else process.stdout.write(`${removable.length} witness(es) can go${keptNote}; remove them with: npx rlaif-props prune --apply${values.store ? ` --store ${values.store}` : ''}\n`);
    }
    const left = values.apply ? entries.length - removable.length : entries.length;
    return left ? EXIT.failed : EXIT.ok;
  },
};
