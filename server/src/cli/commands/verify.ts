/**
 * `pnpm ledgerflow verify <run id | evidence file>`: recomputes a run's hash
 * chain — from the database for a run id, offline for an evidence pack —
 * and names the first bad event. Exit code 0 when it verifies, 1 when not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { verifyEvidence, verifyStoredRun } from '../../audit/evidence-pack.js';
import { createLogger } from '../../logger.js';
import type { CliCommand } from '../cli-command.js';
import { openFromEnv } from '../open-from-env.js';
import { flag, positional } from '../parse-args.js';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'Verify a run’s hash chain (by run id) or an exported evidence pack (by file)',
  usage: 'pnpm ledgerflow verify <run id | evidence.json> [--json]',
  async run(args, io) {
    const [target] = positional(args);
    if (!target) {
      io.err(
        'Give a run id or an evidence pack file.\nUsage: pnpm ledgerflow verify <run id | evidence.json>',
      );
      return 2;
    }
    let verdict: {
      ok: boolean;
      reason?: string | null;
      firstBadSeq?: number | null;
      events?: number;
      headHash?: string | null;
    };
    if (existsSync(target)) {
      let pack: unknown;
      try {
        pack = JSON.parse(readFileSync(target, 'utf8'));
      } catch (err) {
        io.err(`${target} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
        return 2;
      }
      verdict = verifyEvidence(pack);
    } else {
      const database = await openFromEnv(createLogger({ level: 'error' }));
      try {
        await database.migrate();
        verdict = await verifyStoredRun(database.db, target);
      } catch (err) {
        io.err(err instanceof Error ? err.message : String(err));
        return 2;
      } finally {
        await database.close();
      }
    }
    if (flag(args, '--json')) io.out(JSON.stringify(verdict, null, 2));
    else if (verdict.ok) io.out(`OK: ${verdict.events} event(s) verify; head ${verdict.headHash}`);
    else
      io.out(
        `FAILED${verdict.firstBadSeq ? ` at event #${verdict.firstBadSeq}` : ''}: ${verdict.reason ?? 'does not verify'}`,
      );
    return verdict.ok ? 0 : 1;
  },
};
