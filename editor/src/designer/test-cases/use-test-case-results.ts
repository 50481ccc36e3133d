/**
 * Re-runs the draft's test cases whenever it settles after an edit. Cases run
 * in slices of a few milliseconds between frames, and a newer draft cancels
 * the run of an older one, so typing on a flow with 200 cases stays smooth.
 * `checking` is true while the results shown belong to an older draft.
 */
import type { FlowGraph, TestCase } from '@ledgerflow/shared';
import { useEffect, useState } from 'react';
import { useSettledValue } from '../use-settled-value.js';
import { type TestCaseResult, testCaseRunner } from './run-test-cases.js';

/** How long the draft must stay unchanged before its cases run again. */
const SETTLE_MS = 400;
/** How long one slice may keep the browser busy. */
const SLICE_MS = 24;
const NONE: readonly TestCase[] = [];
const NO_RESULTS: TestRun = { results: new Map(), checking: false };

export interface TestRun {
  results: ReadonlyMap<string, TestCaseResult>;
  /** The results shown belong to an older draft; newer ones are on their way. */
  checking: boolean;
}

export function useTestCaseResults(graph: FlowGraph): TestRun {
  // Without cases the watched value stays null: no timer and no extra render per edit.
  const settled = useSettledValue(graph.testCases?.length ? graph : null, SETTLE_MS);
  const [done, setDone] = useState<{ graph: FlowGraph | null; results: Map<string, TestCaseResult> }>({
    graph: null,
    results: new Map(),
  });

  useEffect(() => {
    const cases = settled?.testCases ?? NONE;
    if (!settled || cases.length === 0) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const results = new Map<string, TestCaseResult>();
    let run: ((c: TestCase) => TestCaseResult) | undefined;
    let next = 0;
    const slice = () => {
      if (cancelled) return;
      const until = performance.now() + SLICE_MS;
      run ??= testCaseRunner(settled);
      while (next < cases.length && performance.now() < until) {
        const c = cases[next++]!;
        results.set(c.id, run(c));
      }
      if (next < cases.length) timer = setTimeout(slice, 0);
      else setDone({ graph: settled, results });
    };
    timer = setTimeout(slice, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [settled]);

  if (!graph.testCases?.length) return NO_RESULTS;
  return { results: done.results, checking: done.graph !== graph };
}
