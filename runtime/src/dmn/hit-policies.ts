/**
 * The hit policies, one small entry each: from the matched rules (ascending
 * rule order) to the table's value and the rules that produced it. Single-hit
 * policies return one row; multiple-hit policies return a list, or an
 * aggregate for collect with an operator. A policy never throws: a violated
 * policy is a warning and a null result, as the DMN specification asks.
 */
import type { Aggregation, Diagnostic, HitPolicy } from '@ledgerflow/shared';
import { diagnostic } from '@ledgerflow/shared';
import Decimal from 'decimal.js';
import { FeelDecimal } from '../feel/feel-decimal.js';
import type { FeelValue } from '../feel/feel-value.js';
import { compareValues, sameValue } from './feel-equal.js';

/** What a policy may ask about the matched rules; outputs are computed on demand and cached. */
export interface HitContext {
  /** The row's result: the single output's value, or a context of all outputs. */
  row(rule: number): FeelValue;
  /** The single output's value (first output column), used by aggregations. */
  single(rule: number): FeelValue;
  /** Lexicographic priority ranks of the row's outputs (lower is more important). */
  rank(rule: number): number[];
  warnings: Diagnostic[];
}

export interface HitOutcome {
  value: FeelValue;
  /** 0-based indices of the rules whose outputs make the result. */
  fired: number[];
}

export interface HitPolicyImpl {
  /** True when only the first match matters, so matching may stop there. */
  firstOnly?: boolean;
  /** True when the result is a list (or an aggregate of one). */
  multiple: boolean;
  apply(matches: number[], ctx: HitContext, aggregation: Aggregation): HitOutcome;
}

const ruleList = (matches: number[]) => matches.map((m) => m + 1).join(', ');

const compareRanks = (a: number[], b: number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

export const hitPolicies: Record<HitPolicy, HitPolicyImpl> = {
  U: {
    multiple: false,
    apply(matches, ctx) {
      if (matches.length === 1) return { value: ctx.row(matches[0]!), fired: matches };
      ctx.warnings.push(diagnostic('dmn.unique_violated', { rules: ruleList(matches) }));
      return { value: null, fired: matches };
    },
  },
  A: {
    multiple: false,
    apply(matches, ctx) {
      const first = ctx.row(matches[0]!);
      if (matches.every((m) => sameValue(ctx.row(m), first))) return { value: first, fired: matches };
      ctx.warnings.push(diagnostic('dmn.any_violated', { rules: ruleList(matches) }));
      return { value: null, fired: matches };
    },
  },
  P: {
    multiple: false,
    apply(matches, ctx) {
      let best = matches[0]!;
      for (const m of matches) if (compareRanks(ctx.rank(m), ctx.rank(best)) < 0) best = m;
      return { value: ctx.row(best), fired: [best] };
    },
  },
  F: {
    firstOnly: true,
    multiple: false,
    apply(matches, ctx) {
      return { value: ctx.row(matches[0]!), fired: [matches[0]!] };
    },
  },
  R: {
    multiple: true,
    apply(matches, ctx) {
      return { value: matches.map((m) => ctx.row(m)), fired: matches };
    },
  },
  O: {
    multiple: true,
    apply(matches, ctx) {
      // Array.prototype.sort is stable, so equal priorities keep rule order.
      const sorted = [...matches].sort((a, b) => compareRanks(ctx.rank(a), ctx.rank(b)));
      return { value: sorted.map((m) => ctx.row(m)), fired: sorted };
    },
  },
  C: {
    multiple: true,
    apply(matches, ctx, aggregation) {
      if (aggregation === 'none') return { value: matches.map((m) => ctx.row(m)), fired: matches };
      return {
        value: aggregations[aggregation](
          matches.map((m) => ctx.single(m)),
          ctx.warnings,
        ),
        fired: matches,
      };
    },
  },
};

type Aggregate = (values: FeelValue[], warnings: Diagnostic[]) => FeelValue;

const failed = (warnings: Diagnostic[], aggregation: string, detail: string): null => {
  warnings.push(diagnostic('dmn.aggregation_failed', { aggregation, detail }));
  return null;
};

/** Collect operators over the single output's values; nulls are ignored, as in the specification. */
export const aggregations: Record<Exclude<Aggregation, 'none'>, Aggregate> = {
  COUNT: (values) => new FeelDecimal(values.filter((v) => v !== null).length),
  SUM(values, warnings) {
    let sum: Decimal = new FeelDecimal(0);
    for (const v of values) {
      if (v === null) continue;
      if (!(v instanceof Decimal)) return failed(warnings, 'add up', 'an output is not a number');
      sum = sum.plus(v);
    }
    return sum;
  },
  MIN: (values, warnings) => extreme(values, warnings, -1, 'find the smallest of'),
  MAX: (values, warnings) => extreme(values, warnings, 1, 'find the largest of'),
};

function extreme(values: FeelValue[], warnings: Diagnostic[], sign: number, verb: string): FeelValue {
  let best: FeelValue = null;
  for (const v of values) {
    if (v === null) continue;
    if (best === null) {
      best = v;
      continue;
    }
    const c = compareValues(v, best);
    if (c === null) return failed(warnings, verb, 'the outputs cannot be compared with each other');
    if (c * sign > 0) best = v;
  }
  return best;
}
