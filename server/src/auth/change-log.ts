/**
 * The change log (who created, edited, requested, approved and published each
 * flow version, who changed roles and tokens): append-only and hash-chained
 * like run events, `hash = sha256(prevHash ‖ canonical(entry))`, chaining in
 * `seq` order from a fixed genesis. Appends take a transaction-scoped
 * advisory lock, so concurrent writers queue and the chain never forks; the
 * database refuses UPDATE and DELETE (trigger in the migrations).
 *
 * Other modules record their changes with `appendChange(db, …)`, inside their
 * own transaction when the change and its record must commit together.
 */
import type { ChainVerification, ChangeLogEntry } from '@ledgerflow/shared';
import { and, asc, desc, eq, gt, like, type SQL, sql } from 'drizzle-orm';
import { canonicalJson } from '../audit/canonical-json.js';
import { sha256Hex } from '../audit/hash-chain.js';
import type { Db } from '../db/database.js';
import { changeLog } from '../db/schema/auth.js';

export const CHANGE_LOG_GENESIS = '0'.repeat(64);
/** Key of the advisory lock that serialises appends (any constant unique to this table). */
const APPEND_LOCK = 0x4c46_4348; // "LFCH"

export interface ChangeInput {
  /** A user id, `api:<token id>` or `system`. */
  actor: string;
  /** `<subject>.<verb>`, e.g. `user.roles_changed`, `flow_version.published`. */
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
  at: Date;
}

type ChangeRow = typeof changeLog.$inferSelect;

export function changeHash(prevHash: string, entry: Omit<ChangeLogEntry, 'prevHash' | 'hash'>): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        details: entry.details,
      }),
  );
}

export function toChangeEntry(row: ChangeRow): ChangeLogEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export async function appendChange(db: Db, input: ChangeInput): Promise<ChangeLogEntry> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
    const [head] = await tx
      .select({ seq: changeLog.seq, hash: changeLog.hash })
      .from(changeLog)
      .orderBy(desc(changeLog.seq))
      .limit(1);
    // A JSON round trip drops undefined members and Dates become strings, as jsonb will hand them back.
    const details = JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>;
    const content = {
      seq: (head?.seq ?? 0) + 1,
      at: input.at.toISOString(),
      actor: input.actor,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      details,
    };
    const prevHash = head?.hash ?? CHANGE_LOG_GENESIS;
    const entry: ChangeLogEntry = { ...content, prevHash, hash: changeHash(prevHash, content) };
    await tx.insert(changeLog).values({ ...entry, at: input.at });
    return entry;
  });
}

export interface ChangeQuery {
  after?: number | undefined;
  limit: number;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** Subject ids starting with this, e.g. `<flowId>@` for every version of a flow. */
  subjectPrefix?: string | undefined;
}

export async function readChanges(db: Db, query: ChangeQuery): Promise<ChangeLogEntry[]> {
  const filters: SQL[] = [gt(changeLog.seq, query.after ?? 0)];
  if (query.subjectType) filters.push(eq(changeLog.subjectType, query.subjectType));
  if (query.subjectId) filters.push(eq(changeLog.subjectId, query.subjectId));
  if (query.subjectPrefix) {
    filters.push(like(changeLog.subjectId, `${query.subjectPrefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
  }
  const rows = await db
    .select()
    .from(changeLog)
    .where(and(...filters))
    .orderBy(asc(changeLog.seq))
    .limit(query.limit);
  return rows.map(toChangeEntry);
}

/** Pure check of a chain read in order from seq 1: names the first entry that does not verify. */
export function verifyChanges(
  entries: readonly ChangeLogEntry[],
  startPrev = CHANGE_LOG_GENESIS,
  startSeq = 1,
) {
  let prev = startPrev;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const expectedSeq = startSeq + i;
    if (e.seq !== expectedSeq) {
      return broken(expectedSeq, `entry #${expectedSeq} is missing or out of order (found #${e.seq})`);
    }
    if (e.prevHash !== prev) return broken(e.seq, `entry #${e.seq} does not link to the entry before it`);
    if (changeHash(prev, e) !== e.hash)
      return broken(e.seq, `entry #${e.seq} was modified after it was written`);
    prev = e.hash;
  }
  return { ok: true as const, prev };
}

function broken(seq: number, message: string) {
  return { ok: false as const, seq, message };
}

/** Recomputes the whole chain from the database, a page at a time. */
export async function verifyChangeLog(db: Db, pageSize = 1000): Promise<ChainVerification> {
  let prev = CHANGE_LOG_GENESIS;
  let checked = 0;
  for (;;) {
    const page = await readChanges(db, { after: checked, limit: pageSize });
    const verdict = verifyChanges(page, prev, checked + 1);
    if (!verdict.ok) {
      return { ok: false, checked, brokenAt: verdict.seq, message: verdict.message };
    }
    prev = verdict.prev;
    checked += page.length;
    if (page.length < pageSize) break;
  }
  return {
    ok: true,
    checked,
    message: checked === 0 ? 'The change log is empty.' : `All ${checked} entries verify.`,
  };
}
