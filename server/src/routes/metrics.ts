/**
 * GET /api/metrics in Prometheus text format: step and outbox counters of
 * the workers in this process, queue depths and run counts from the
 * database (so any API process reports the shared queue), timer lag.
 */
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.js';
import { requireRole } from '../auth/require-role.js';
import { rowsOf } from '../db/rows.js';
import { newRouter } from '../http/router.js';
import { workerMetrics } from '../worker/metrics.js';

export function metricsRoutes(deps: AppDeps) {
  const router = newRouter();
  router.get('/metrics', requireRole('admin'), async (c) => {
    const db = deps.database.db;
    const [depth] = rowsOf<{ inbox: number; outbox: number; timers: number; overdue_ms: number | null }>(
      await db.execute(sql`select
        (select count(*)::int from run_inbox) as inbox,
        (select count(*)::int from outbox where status = 'pending') as outbox,
        (select count(*)::int from timers) as timers,
        (select extract(epoch from (now() - min(due_at))) * 1000 from timers where due_at < now()) as overdue_ms`),
    );
    const byStatus = rowsOf<{ status: string; n: number }>(
      await db.execute(sql`select status, count(*)::int as n from runs group by status`),
    );
    const lags = [...workerMetrics.timerLagMs].sort((a, b) => a - b);
    const p99 = lags.length > 0 ? lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))]! : 0;
    const lines = [
      metric(
        'ledgerflow_steps_total',
        'counter',
        'Run steps applied by workers in this process',
        workerMetrics.steps,
      ),
      metric(
        'ledgerflow_timers_fired_total',
        'counter',
        'Timers fired by workers in this process',
        workerMetrics.timersFired,
      ),
      metric(
        'ledgerflow_worker_failures_total',
        'counter',
        'Worker ticks that failed and were retried',
        workerMetrics.failures,
      ),
      '# HELP ledgerflow_outbox_commands_total Outbox commands executed, by outcome',
      '# TYPE ledgerflow_outbox_commands_total counter',
      ...Object.entries(workerMetrics.outbox).map(
        ([k, v]) => `ledgerflow_outbox_commands_total{outcome="${k}"} ${v}`,
      ),
      metric('ledgerflow_inbox_depth', 'gauge', 'Events waiting to be stepped into runs', depth?.inbox ?? 0),
      metric(
        'ledgerflow_outbox_depth',
        'gauge',
        'Outbox commands waiting for an adapter',
        depth?.outbox ?? 0,
      ),
      metric('ledgerflow_timers_pending', 'gauge', 'Timers not yet fired', depth?.timers ?? 0),
      metric(
        'ledgerflow_timer_overdue_ms',
        'gauge',
        'How late the most overdue unfired timer is',
        Math.round(Number(depth?.overdue_ms ?? 0)),
      ),
      metric(
        'ledgerflow_timer_lag_p99_ms',
        'gauge',
        'p99 lag of recently fired timers after their due time',
        p99,
      ),
      '# HELP ledgerflow_runs Runs by status',
      '# TYPE ledgerflow_runs gauge',
      ...byStatus.map((r) => `ledgerflow_runs{status="${r.status}"} ${r.n}`),
    ];
    return c.body(`${lines.join('\n')}\n`, 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });
  return router;
}

function metric(name: string, type: 'counter' | 'gauge', help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}`;
}
