/**
 * The auditor's runs explorer: runs filtered by flow, version, status,
 * outcome, date range and customer (`customer.id` of the run's data), newest
 * first, with keyset pagination on (created_at, id) so page 2,000 costs what
 * page 1 costs, plus counts by status under the same filters.
 */
import type { RunSummary } from '@ledgerflow/shared';
import { and, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { runs } from '../db/schema/core.js';
import { runSummary } from '../runs/run-store.js';

export interface ExplorerQuery {
  flowId?: string | undefined;
  version?: number | undefined;
  status?: string | undefined;
  outcome?: string | undefined;
  /** Inclusive lower bound of the start time. */
  from?: Date | undefined;
  /** Exclusive upper bound of the start time. */
  to?: Date | undefined;
  customer?: string | undefined;
  limit: number;
  /** The `next` cursor of the previous page: `<createdAt ISO>|<id>`. */
  before?: string | undefined;
  /** Skip the counts (a scan of every matching run) when the caller already has them, e.g. on "show more". */
  withCounts?: boolean | undefined;
}

export interface ExplorerRun extends RunSummary {
  customerId: string | null;
  initiator: string | null;
}

export interface ExplorerPage {
  runs: ExplorerRun[];
  next: string | null;
  /** Matching runs in total and per status, under every filter except status; null when not asked for. */
  counts: { total: number; byStatus: Record<string, number> } | null;
}

function filters(q: ExplorerQuery, withStatus: boolean): SQL[] {
  const where: SQL[] = [];
  if (q.flowId) where.push(eq(runs.flowId, q.flowId));
  if (q.version !== undefined) where.push(eq(runs.flowVersion, q.version));
  if (withStatus && q.status) where.push(eq(runs.status, q.status));
  if (q.outcome) where.push(eq(runs.outcome, q.outcome));
  if (q.from) where.push(gte(runs.createdAt, q.from));
  if (q.to) where.push(lt(runs.createdAt, q.to));
  if (q.customer) where.push(eq(runs.customerId, q.customer));
  return where;
}

/** A cursor that does not parse is ignored (first page), never an error. */
export function parseCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const bar = cursor.indexOf('|');
  if (bar < 0) return null;
  const at = new Date(cursor.slice(0, bar));
  const id = cursor.slice(bar + 1);
  return id && !Number.isNaN(at.getTime()) ? { at, id } : null;
}

export async function exploreRuns(db: Db, q: ExplorerQuery): Promise<ExplorerPage> {
  const where = filters(q, true);
  const cursor = parseCursor(q.before);
  if (cursor) {
    where.push(
      or(lt(runs.createdAt, cursor.at), and(eq(runs.createdAt, cursor.at), lt(runs.id, cursor.id)))!,
    );
  }
  const rows = await db
    .select({ run: runs })
    .from(runs)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];

  const counts = q.withCounts === false ? null : await countRuns(db, q);
  return {
    runs: page.map((r) => ({
      ...runSummary(r.run),
      customerId: r.run.customerId,
      initiator: r.run.initiator,
    })),
    next: rows.length > q.limit && last ? `${last.run.createdAt.toISOString()}|${last.run.id}` : null,
    counts,
  };
}

async function countRuns(db: Db, q: ExplorerQuery): Promise<NonNullable<ExplorerPage['counts']>> {
  const countWhere = filters(q, false);
  const grouped = await db
    .select({ status: runs.status, n: count() })
    .from(runs)
    .where(countWhere.length > 0 ? and(...countWhere) : undefined)
    .groupBy(runs.status);
  const byStatus: Record<string, number> = { running: 0, waiting: 0, completed: 0, failed: 0 };
  for (const g of grouped) byStatus[g.status] = Number(g.n);
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}
