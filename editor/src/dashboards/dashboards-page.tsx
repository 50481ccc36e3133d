/**
 * Dashboards for finance: how much of what was declined came back (by flow,
 * step, provider and decline code), what is still open and how old, whether
 * approvals meet their SLA, and run outcomes day by day. Each chart says what
 * it counts, and says so plainly when there is nothing to count.
 */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { isEmpty, money, outcomeColor, outcomeSeries, percent, recoveryBars } from './chart-data.js';
import { type Dashboards, getDashboards, type RecoveryGroup } from './dashboards-api.js';
import './dashboards.css';

const RANGES = [7, 30, 90, 365];
const BREAKDOWNS: { id: keyof Omit<Dashboards['recovery'], 'total'>; label: string }[] = [
  { id: 'byFlow', label: 'Flow' },
  { id: 'byStep', label: 'Step' },
  { id: 'byProvider', label: 'Provider' },
  { id: 'byDeclineCode', label: 'Decline code' },
];

export function DashboardsPage() {
  const [days, setDays] = useState(30);
  const [state, reload] = useAsync((signal) => getDashboards(days, signal), [days]);
  return (
    <main className="page dashboards-page">
      <div className="page-header">
        <h1>Dashboards</h1>
        <label className="inline-label">
          Period
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {RANGES.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {state.status === 'loading' && <StatusMessage kind="loading">Adding up the numbers…</StatusMessage>}
      {state.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          The dashboards could not be loaded. {state.message}
        </StatusMessage>
      )}
      {state.status === 'ready' && isEmpty(state.data) && (
        <div className="empty-state" data-testid="dashboards-empty">
          <h2>Nothing to show for the last {days} days</h2>
          <p>Charts fill in as runs finish, payments are attempted and approvals are decided.</p>
        </div>
      )}
      {state.status === 'ready' && !isEmpty(state.data) && <Charts data={state.data} />}
    </main>
  );
}

function Charts({ data }: { data: Dashboards }) {
  const { total } = data.recovery;
  const sla = data.approvalSla;
  return (
    <>
      <section className="kpis" aria-label="Key figures">
        <Kpi
          label="Recovery rate"
          value={percent(total.needed ? total.rate : null)}
          note={`${total.recovered} of ${total.needed} declined runs`}
        />
        <Kpi
          label="Amount recovered"
          value={money(total.amountRecovered)}
          note={`of ${money(total.amountNeeded)} declined`}
        />
        <Kpi
          label="Open exceptions"
          value={String(data.openExceptions.reduce((a, e) => a + e.approvals + e.failedRuns, 0))}
          note="open approvals and failed runs"
        />
        <Kpi
          label="Approval SLA met"
          value={percent(sla.compliance)}
          note={`${sla.met} on time, ${sla.breached} late${sla.overdue ? `, ${sla.overdue} open and overdue` : ''}`}
        />
      </section>

      <RecoveryPanel data={data} />

      <div className="dash-grid">
        <section className="dash-card" aria-labelledby="exc-title">
          <h2 id="exc-title">Open exceptions by age</h2>
          <p className="muted">Approvals still waiting for a decision, and runs that failed.</p>
          {data.openExceptions.every((e) => e.approvals + e.failedRuns === 0) ? (
            <p className="dash-empty">No open exceptions. Nothing is waiting on anyone.</p>
          ) : (
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data.openExceptions}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="bucket" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="approvals" name="Open approvals" stackId="a" fill="#9a6700" />
                <Bar dataKey="failedRuns" name="Failed runs" stackId="a" fill="#b42318" />
              </BarChart>
            </ResponsiveContainer>
          )}
        </section>

        <section className="dash-card" aria-labelledby="sla-title">
          <h2 id="sla-title">Approval SLA compliance</h2>
          <p className="muted">Approvals started in the period: decided before their due time, or not.</p>
          {sla.met + sla.breached + sla.open + sla.overdue === 0 ? (
            <p className="dash-empty">No approvals were requested in this period.</p>
          ) : (
            <ResponsiveContainer width="100%" height={240}>
              <BarChart
                layout="vertical"
                data={[
                  { name: 'Decided on time', n: sla.met, fill: '#1a7f37' },
                  { name: 'Decided late or timed out', n: sla.breached, fill: '#b42318' },
                  { name: 'Open, within SLA', n: sla.open, fill: '#1f5fbf' },
                  { name: 'Open, overdue', n: sla.overdue, fill: '#9a6700' },
                ]}
                margin={{ left: 40 }}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={170} />
                <Tooltip />
                <Bar dataKey="n" name="Approvals" />
              </BarChart>
            </ResponsiveContainer>
          )}
        </section>
      </div>

      <section className="dash-card" aria-labelledby="out-title">
        <h2 id="out-title">Runs by outcome, per day</h2>
        {data.runsByOutcome.length === 0 ? (
          <p className="dash-empty">No runs started in this period.</p>
        ) : (
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={outcomeSeries(data)}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {data.outcomes.map((o, i) => (
                <Bar key={o} dataKey={o} name={o.replace(/_/g, ' ')} stackId="o" fill={outcomeColor(o, i)} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </section>
    </>
  );
}

function Kpi({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="kpi" data-testid={`kpi-${label}`}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      <div className="kpi-note muted">{note}</div>
    </div>
  );
}

function RecoveryPanel({ data }: { data: Dashboards }) {
  const [by, setBy] = useState<(typeof BREAKDOWNS)[number]['id']>('byFlow');
  const groups: RecoveryGroup[] = data.recovery[by];
  const bars = recoveryBars(groups);
  return (
    <section className="dash-card" aria-labelledby="rec-title">
      <div className="dash-card-head">
        <div>
          <h2 id="rec-title">Recovery</h2>
          <p className="muted">
            Runs with a declined payment, and how many were later paid. Grouped by the first decline.
          </p>
        </div>
        <div className="segmented" role="tablist" aria-label="Group recovery by">
          {BREAKDOWNS.map((b) => (
            <button
              key={b.id}
              type="button"
              role="tab"
              aria-selected={by === b.id}
              className={by === b.id ? 'active' : ''}
              onClick={() => setBy(b.id)}
            >
              {b.label}
            </button>
          ))}
        </div>
      </div>
      {bars.length === 0 ? (
        <p className="dash-empty">No payment was declined in this period, so there is nothing to recover.</p>
      ) : (
        <div className="dash-grid">
          <div>
            <h3>Recovery rate (%)</h3>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={bars}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
                <YAxis domain={[0, 100]} unit="%" />
                <Tooltip formatter={(v) => `${v}%`} />
                <Bar dataKey="rate" name="Recovered" fill="#1a7f37" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div>
            <h3>Amount</h3>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={bars}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
                <YAxis />
                <Tooltip formatter={(v) => money(Number(v))} />
                <Legend />
                <Bar dataKey="amountRecovered" name="Recovered" stackId="m" fill="#1a7f37" />
                <Bar dataKey="amountLost" name="Not recovered" stackId="m" fill="#d0d5dd" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      )}
      {bars.length > 0 && (
        <table className="data-table dash-table">
          <thead>
            <tr>
              <th scope="col">{BREAKDOWNS.find((b) => b.id === by)?.label}</th>
              <th scope="col">Declined runs</th>
              <th scope="col">Recovered</th>
              <th scope="col">Rate</th>
              <th scope="col">Amount recovered</th>
              <th scope="col">Amount declined</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <td>{g.label}</td>
                <td>{g.needed}</td>
                <td>{g.recovered}</td>
                <td>{percent(g.rate)}</td>
                <td>{money(g.amountRecovered)}</td>
                <td>{money(g.amountNeeded)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
