/**
 * `pnpm bench engine`: per-node-step overhead of the flow engine on a
 * 50-node flow, in memory, against a plain JS function making the same
 * decisions on the same inputs. Two flows:
 *   - "rows": 48 no-code condition rows (the engine's own overhead: dispatch,
 *     immutable state, trace entries with explanations);
 *   - "feel": the same 48 decisions as FEEL expressions (adds the FEEL engine).
 * Two baselines: the bare decisions (a comparison each), and the same
 * decisions recording the same audit trail (one trace entry with an
 * explanation per node), which is the work a run must do to be explainable.
 * Before timing, each engine run's outcome is checked against the baseline.
 * Prints p50 µs (process CPU time) per node step for each and the ratios,
 * measured in this run (no absolute thresholds).
 */
import { type CompiledFlow, compile, start } from '@ledgerflow/runtime';
import type { FlowGraph } from '@ledgerflow/shared';

const NODES = 50;
const DECISIONS = NODES - 2;
const thresholds = Array.from({ length: DECISIONS }, (_, i) => (i + 1) * 100);

function buildFlow(mode: 'rows' | 'feel'): FlowGraph {
  const nodes: FlowGraph['nodes'] = [
    { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
  ];
  const edges: FlowGraph['edges'] = [{ id: 'e0', source: 'start', sourcePort: 'next', target: 'c0' }];
  thresholds.forEach((t, i) => {
    const field = i % 2 === 0 ? 'invoice.amount' : 'customer.score';
    nodes.push({
      id: `c${i}`,
      kind: 'condition',
      name: `Check ${i}`,
      config:
        mode === 'rows'
          ? { mode: 'rows', combinator: 'and', rows: [{ field, operator: '>', value: t }] }
          : { mode: 'feel', expression: `${field} > ${t}` },
      position: { x: i * 10, y: 0 },
    });
    const next = i + 1 < DECISIONS ? `c${i + 1}` : 'end';
    edges.push({ id: `t${i}`, source: `c${i}`, sourcePort: 'true', target: next });
    edges.push({ id: `f${i}`, source: `c${i}`, sourcePort: 'false', target: next });
  });
  nodes.push({ id: 'end', kind: 'end', name: 'End', config: { outcome: 'done' }, position: { x: 0, y: 0 } });
  return { schemaVersion: 1, id: `bench_${mode}`, version: 1, name: 'Bench', inputs: [], nodes, edges };
}

type Input = { invoice: { amount: number }; customer: { score: number } };

/** The baseline: the same 48 decisions as a plain function (counts the true branches, like the trace would show). */
function plain(input: Input): { outcome: string; trues: number } {
  let trues = 0;
  for (let i = 0; i < DECISIONS; i++) {
    const v = i % 2 === 0 ? input.invoice.amount : input.customer.score;
    if (v > thresholds[i]!) trues++;
  }
  return { outcome: 'done', trues };
}

/** The same decisions, recording what the engine's trace records (node, port, explanation, values). */
function plainWithTrace(input: Input): { outcome: string; trues: number } {
  const trace: { nodeId: string; port?: string; explanation: string; details: Record<string, unknown> }[] = [
    { nodeId: 'start', port: 'next', explanation: 'Run started (manual).', details: {} },
  ];
  let trues = 0;
  for (let i = 0; i < DECISIONS; i++) {
    const field = i % 2 === 0 ? 'invoice.amount' : 'customer.score';
    const v = i % 2 === 0 ? input.invoice.amount : input.customer.score;
    const result = v > thresholds[i]!;
    if (result) trues++;
    trace.push({
      nodeId: `c${i}`,
      port: String(result),
      explanation: `${field} > ${thresholds[i]} (was ${v}: ${result}) → ${result}`,
      details: { rows: [{ field, operator: '>', expected: thresholds[i], actual: v, result }], result },
    });
  }
  trace.push({
    nodeId: 'end',
    explanation: 'Run finished with outcome "done".',
    details: { outcome: 'done' },
  });
  return { outcome: 'done', trues: trace.length > 0 ? trues : -1 };
}

function viaEngine(compiled: CompiledFlow, input: Input, n: number): { outcome: string; trues: number } {
  const r = start(compiled, { type: 'run_started', at: '2026-11-23T10:00:00Z', input }, { runId: `b${n}` });
  return { outcome: r.state.outcome ?? '', trues: r.trace.filter((t) => t.port === 'true').length };
}

let seed = 42;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const inputs: Input[] = Array.from({ length: 256 }, () => ({
  invoice: { amount: Math.round(rnd() * 5000 * 100) / 100 },
  customer: { score: Math.floor(rnd() * 5000) },
}));

function p50(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * µs per node step, p50 over `rounds` samples of `calls` runs each. Time is
 * this process's CPU time, so other processes on a shared machine (taking
 * the cores away) do not inflate one side of the ratio.
 */
function measure(run: (input: Input, n: number) => unknown, calls: number, rounds: number): number {
  const samples: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) sink += run(inputs[i & 255]!, i) ? 1 : 0;
    const used = process.cpuUsage(t0);
    samples.push((used.user + used.system) / (calls * NODES));
  }
  if (sink < 0) console.log(sink);
  return p50(samples);
}

for (const mode of ['rows', 'feel'] as const) {
  const c = compile(buildFlow(mode));
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics));
  const compiled = c.value;
  for (const [i, input] of inputs.entries()) {
    const a = viaEngine(compiled, input, i);
    const b = plain(input);
    if (a.outcome !== b.outcome || a.trues !== b.trues)
      throw new Error(`engine and baseline disagree on input ${i}`);
  }
  // Warm up both, then interleave rounds so machine load hits both alike.
  measure((x, n) => viaEngine(compiled, x, n), 2000, 3);
  measure(plain, 200_000, 3);
  measure(plainWithTrace, 20_000, 3);
  const engineRounds: number[] = [];
  const plainRounds: number[] = [];
  const tracedRounds: number[] = [];
  for (let k = 0; k < 7; k++) {
    engineRounds.push(measure((x, n) => viaEngine(compiled, x, n), 1000, 3));
    plainRounds.push(measure(plain, 100_000, 3));
    tracedRounds.push(measure(plainWithTrace, 10_000, 3));
  }
  const e = p50(engineRounds);
  const p = p50(plainRounds);
  const t = p50(tracedRounds);
  console.log(
    `${mode.padEnd(4)}  engine ${e.toFixed(3)} µs/node | plain JS ${p.toFixed(4)} µs/node (ratio ${(e / p).toFixed(0)}×) | plain JS + same trace ${t.toFixed(3)} µs/node (ratio ${(e / t).toFixed(1)}×)`,
  );
}
