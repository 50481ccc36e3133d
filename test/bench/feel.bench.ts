/**
 * FEEL bench: a 6-term finance condition, compiled once by our engine, vs
 * `feelin` evaluating the same expression text, and vs `jsonata` with the
 * expression precompiled. All three run on the same 64 fixed inputs in the
 * same process; the printed ratios are what matters (absolute numbers depend
 * on the machine). Targets (issue 4): ≥100× feelin, ≥3× precompiled jsonata.
 */
import { compileFeel } from '@ledgerflow/runtime';
import { evaluate as feelinEvaluate } from 'feelin';
import jsonata from 'jsonata';

// The `in` term is parenthesised because feelin reads `x in [..] and y` as `x in ([..] and y)` (see
// test/feel/feel-differential.test.ts); our engine gives the same result with or without the parentheses.
const FEEL =
  'invoice.amount > 10000 and customer.segment = "SMB" and (customer.country in ["DE","FR"]) and daysOverdue >= 30 and not(customer.vip) and invoice.currency = "EUR"';
const JSONATA =
  'invoice.amount > 10000 and customer.segment = "SMB" and customer.country in ["DE","FR"] and daysOverdue >= 30 and $not(customer.vip) and invoice.currency = "EUR"';

/** 64 deterministic inputs covering both outcomes and every short-circuit position. */
const inputs = Array.from({ length: 64 }, (_, i) => ({
  invoice: { amount: 5000 + ((i * 7919) % 20000), currency: i % 5 === 0 ? 'USD' : 'EUR', id: `INV-${i}` },
  customer: {
    segment: i % 3 === 0 ? 'ENT' : 'SMB',
    country: ['DE', 'FR', 'NL', 'DE'][i % 4],
    vip: i % 7 === 0,
    name: `Customer ${i}`,
  },
  daysOverdue: (i * 13) % 90,
}));

const compiled = compileFeel(FEEL);
if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
const ours = compiled.value;
const jsonataExpr = jsonata(JSONATA);

// The three engines must agree on every input before their speed means anything.
for (const input of inputs) {
  const a = ours.evaluate(input).value;
  const b = feelinEvaluate(FEEL, input).value;
  const c = await jsonataExpr.evaluate(input);
  if (a !== b || a !== c)
    throw new Error(`engines disagree on ${JSON.stringify(input)}: ours=${a} feelin=${b} jsonata=${c}`);
}
const trueCount = inputs.filter((i) => ours.evaluate(i).value === true).length;

type Runner = (n: number) => Promise<void> | void;

/** Evaluations per second: runs `run` in batches for at least `ms` milliseconds. */
async function rate(run: Runner, batch: number, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    await run(batch);
    n += batch;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

let sink = 0;
const runners: Record<string, { run: Runner; batch: number }> = {
  'ledgerflow compiled': {
    batch: 20_000,
    run: (n) => {
      for (let i = 0; i < n; i++) if (ours.evaluate(inputs[i & 63]!).value === true) sink++;
    },
  },
  'feelin (same text)': {
    batch: 200,
    run: (n) => {
      for (let i = 0; i < n; i++) if (feelinEvaluate(FEEL, inputs[i & 63]!).value === true) sink++;
    },
  },
  'jsonata precompiled': {
    batch: 2_000,
    run: async (n) => {
      for (let i = 0; i < n; i++) if ((await jsonataExpr.evaluate(inputs[i & 63]!)) === true) sink++;
    },
  },
};

const rounds = Number(process.env.FEEL_BENCH_ROUNDS ?? 5);
const ms = Number(process.env.FEEL_BENCH_MS ?? 400);
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(runners).map((k) => [k, []]));
for (const r of Object.values(runners)) await rate(r.run, r.batch, 200); // warm-up
for (let round = 0; round < rounds; round++) {
  // Interleaved rounds so machine noise hits every engine alike; the median is reported.
  for (const [name, r] of Object.entries(runners)) samples[name]!.push(await rate(r.run, r.batch, ms));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`expression: ${FEEL}`);
console.log(
  `inputs: ${inputs.length} fixed fixtures (${trueCount} true), ${rounds} interleaved rounds of ${ms} ms, median\n`,
);
for (const [name, v] of Object.entries(result))
  console.log(`${name.padEnd(22)} ${fmt(v).padStart(14)} evaluations/s`);
const vsFeelin = result['ledgerflow compiled']! / result['feelin (same text)']!;
const vsJsonata = result['ledgerflow compiled']! / result['jsonata precompiled']!;
console.log(
  `\nratio vs feelin:              ${vsFeelin.toFixed(1)}×  (target ≥ 100×) ${vsFeelin >= 100 ? 'met' : 'NOT met'}`,
);
console.log(
  `ratio vs jsonata precompiled: ${vsJsonata.toFixed(1)}×  (target ≥ 3×) ${vsJsonata >= 3 ? 'met' : 'NOT met'}`,
);
if (sink < 0) console.log(sink);
