/**
 * The `rlaif-props` command. Every sub-command is a small module; this file only dispatches
 * and turns errors into one clear line and a non-zero exit status.
 */
import { HarnessError, InputError } from '../numeric/errors.ts';
import { EXIT } from './command.ts';
import { oneLine, out, writeStdoutDirectly } from './io.ts';

export interface MainOptions {
  /** Write what `out` prints with write(2), not through process.stdout (the bin; see io.ts). */
  readonly directStdout?: boolean;
}

export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  writeStdoutDirectly(opts.directStdout ?? false);
  const [name, ...rest] = argv;
  // `--version` answers before the commands (and with them the registry, fast-check and the
  // model) are loaded: it is what scripts call to see which suite they have.
  if (name === '--version') {
    const { VERSION } = await import('../version.ts');
    out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const { loadCommand, usage } = await import('./commands.ts');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(await usage());
    return name === undefined ? EXIT.input : EXIT.ok;
  }
  // Only this command's module is loaded (commands.ts).
  const command = await loadCommand(name);
  if (!command) {
    process.stderr.write(`rlaif-props: unknown command "${name}" (try --help)\n`);
    return EXIT.input;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      out(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(rest);
  } catch (e) {
    // Whatever went wrong is said in one line; a stack trace is printed only on request.
    if (e instanceof InputError) {
      process.stderr.write(`rlaif-props ${name}: ${oneLine(e.message)}\n`);
      return EXIT.input;
    }
    if (e instanceof HarnessError) {
      process.stderr.write(`rlaif-props ${name}: harness error: ${oneLine(e.message)}\n`);
      return EXIT.harness;
    }
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`rlaif-props ${name}: internal error: ${oneLine(message)} (RLAIF_DEBUG=1 shows the stack)\n`);
    if (process.env.RLAIF_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return EXIT.harness;
  }
}
