import { readFileSync } from 'node:fs';
import { InputError } from '../numeric/errors.ts';
import { writeStdout } from './write-stdout.cts';

/** One line of text: newlines (as in JSON.parse's excerpts of the bad input) become spaces. */
export const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** Read and parse a JSON file; every failure becomes one InputError naming the file. */
export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : code === 'ENOTDIR' ? 'a path component is not a directory' : code ?? (e as Error).message})`);
  }
  return parseJson(text, path);
}

/** Parse JSON text read from `source` (a file name, or "stdin"); errors name the source. */
function parseJson(text: string, source: string): unknown {
  try {
    // A byte-order mark (some editors write one) is not part of the JSON.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${source}: invalid JSON (${oneLine((e as Error).message)})`);
  }
}

/** JSON from a file, or from standard input when the name is "-" (a pipe: `… | rlaif-props evaluate T1 -`). */
export function readJsonArg(path: string): unknown {
  if (path !== '-') return readJson(path);
  let text: string;
  try {
    text = readFileSync(0, 'utf8');
  } catch (e) {
    throw new InputError(`stdin: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseJson(text, 'stdin');
}

let direct = false;

/**
 * The bin's choice (bin/rlaif-props.cjs): `out` writes standard output with write(2) on file
 * descriptor 1 rather than through process.stdout, whose creation for a pipe (a net.Socket) costs
 * a few ms of a 100 ms start. In process (tests, which capture process.stdout.write) it stays off.
 */
export function writeStdoutDirectly(on: boolean): void {
  direct = on;
}

/** Write `text` to standard output (what `list`, `--version` and the usage print): directly (write-stdout.cts) when the bin chose it. */
export function out(text: string): void {
  if (direct) writeStdout(text);
  else process.stdout.write(text);
}
