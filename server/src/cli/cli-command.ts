/**
 * One `pnpm ledgerflow <command>`: a small module registered in
 * `commands/index.ts`. Commands write through `io` (so tests capture output)
 * and return the process exit code; `pnpm --silent ledgerflow …` leaves only
 * what they print, for machine-readable output.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit code; long-running commands (serve, worker) resolve when they stop. */
  run(args: string[], io: CliIO): Promise<number>;
}
