import { check } from './check.ts';
import type { Command } from './command.ts';
import { evaluate } from './evaluate.ts';
import { explainCommand } from './explain.ts';
import { fieldsCommand } from './fields.ts';
import { huntCommand } from './hunt.ts';
import { list } from './list.ts';
import { mapCommand } from './map.ts';
import { necessityCommand } from './necessity.ts';
import { newCommand } from './new.ts';
import { pruneCommand } from './prune.ts';
import { replayCommand } from './replay.ts';
import { reportCommand } from './report.ts';
import { studyCommand } from './study.ts';

export const COMMANDS: Record<string, Command> = {
  list,
  check,
  evaluate,
  hunt: huntCommand,
  necessity: necessityCommand,
  replay: replayCommand,
  prune: pruneCommand,
  fields: fieldsCommand,
  new: newCommand,
  explain: explainCommand,
  report: reportCommand,
  map: mapCommand,
  study: studyCommand,
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'rlaif-props: property-based verification of the theory of why RLAIF works',
    '',
    'usage: rlaif-props <command> [options]   (rlaif-props <command> --help for its options)',
    '',
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}
