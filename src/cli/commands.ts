/**
 * The index of commands. Each command's module is imported only when that command runs (or
 * when the usage lists them all): `list`, `--version` and `hunt` of one part need not load the
 * other commands' modules and what they import (a third of `list`'s start-up on a busy machine).
 */
import type { Command } from './command.ts';

/** Name → the command's module, in the order the usage lists them. */
const LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  list: async () => (await import('./list.ts')).list,
  check: async () => (await import('./check.ts')).check,
  evaluate: async () => (await import('./evaluate.ts')).evaluate,
  hunt: async () => (await import('./hunt.ts')).huntCommand,
  necessity: async () => (await import('./necessity.ts')).necessityCommand,
  replay: async () => (await import('./replay.ts')).replayCommand,
  prune: async () => (await import('./prune.ts')).pruneCommand,
  fields: async () => (await import('./fields.ts')).fieldsCommand,
  new: async () => (await import('./new.ts')).newCommand,
  explain: async () => (await import('./explain.ts')).explainCommand,
  report: async () => (await import('./report.ts')).reportCommand,
  map: async () => (await import('./map.ts')).mapCommand,
  study: async () => (await import('./study.ts')).studyCommand,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

/** The command of that name, or undefined (own names only: "constructor" is not a command). */
export async function loadCommand(name: string): Promise<Command | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : undefined;
}

/** Every command, by name (the usage, and tests that reach into one). */
export async function loadCommands(): Promise<Record<string, Command>> {
  const all = await Promise.all(COMMAND_NAMES.map((n) => LOADERS[n]()));
  return Object.fromEntries(COMMAND_NAMES.map((n, i) => [n, all[i]]));
}

export async function usage(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...COMMAND_NAMES.map((k) => k.length));
  return [
    'rlaif-props: property-based verification of the theory of why RLAIF works',
    '',
    'usage: rlaif-props <command> [options]   (rlaif-props <command> --help for its options)',
    '',
    ...Object.entries(commands).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}
