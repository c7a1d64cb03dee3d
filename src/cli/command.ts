/**
 * What a sub-command is, and the exit statuses it returns. Kept apart from the index of
 * commands (commands.ts), which imports every command: each command imports this module, so
 * neither the type nor the statuses close a cycle.
 */

/**
 * Exit statuses. `ok`: what was asked for came out (the claims hold, the hunt found a witness,
 * every record replays, the table was made); `failed`: it did not (a claim is violated, the
 * hunt found nothing within its budget, a record no longer replays); `input`: bad arguments or
 * files; `harness`: the suite itself failed (NaN, a crash).
 */
export const EXIT = { ok: 0, failed: 1, input: 2, harness: 3 } as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

export interface Command {
  readonly summary: string;
  readonly help: string;
  run(argv: string[]): Promise<ExitStatus> | ExitStatus;
}
