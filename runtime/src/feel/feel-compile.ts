/**
 * The FEEL pipeline: parse (lezer-feel) → syntax diagnostics → compile the
 * tree once to closures → evaluate many times. Compilation either fails with
 * error diagnostics (nothing can run) or yields an evaluator that never
 * throws: runtime problems become null plus a warning.
 */
import { type Diagnostic, diagnostic, fail, ok, type Result } from '@ledgerflow/shared';
import './feel-compile-basics.js';
import { type CompileState, compileNode, type Ev } from './feel-compile-core.js';
import './feel-compile-functions.js';
import './feel-compile-iteration.js';
import './feel-compile-structures.js';
import { compileUnaryTestsNode, type UnaryTest } from './feel-compile-unary.js';
import { toFeelValue } from './feel-convert.js';
import { parseFeel, syntaxDiagnostics } from './feel-parse.js';
import { Scope } from './feel-scope.js';
import { parseDateTime } from './feel-temporal.js';
import type { StaticType } from './feel-types.js';
import type { EvalEnv, FeelDateTime, FeelType, FeelValue } from './feel-value.js';

/** Options for compiling FEEL. */
export interface FeelCompileOptions {
  /**
   * Known top-level names (flow inputs, table inputs) with optional types, for
   * "did you mean" and type diagnostics at compile time. When omitted, unknown
   * names are not reported (they evaluate to null with a warning).
   */
  names?: readonly string[] | Record<string, FeelType | 'any'>;
  /** Loop iterations and function calls allowed per evaluation (default 10,000, which keeps any expression typed in the editor under 50 ms; raise it to iterate over large lists). */
  budget?: number;
  /**
   * Longest source accepted (default 10,000 characters). Parsing time grows
   * with length (about 15 ms for 400 characters with 100 operators on a busy
   * machine), so an editor that must answer within 50 ms can pass ~2,000.
   */
  maxLength?: number;
}

/** The outcome of one evaluation: the value (FEEL null on any runtime problem) and what went wrong. */
export interface FeelResult {
  value: FeelValue;
  warnings: Diagnostic[];
}

/** A compiled FEEL expression; `evaluate` may be called any number of times and never throws. */
export interface CompiledFeel {
  source: string;
  /** Evaluates against a plain JSON-ish object of top-level names (converted lazily). */
  evaluate(context: Record<string, unknown>, options?: FeelEvalOptions): FeelResult;
}

/** Per-evaluation inputs besides the names. */
export interface FeelEvalOptions {
  /**
   * The current time for `now()` and `today()`, as an ISO date-time with an
   * offset or zone (`2026-11-23T10:00:00Z`) or a FEEL date and time. Without it
   * those functions give null with a warning: the runtime never reads the clock.
   */
  now?: string | FeelDateTime;
}

/** Compiled unary tests (a decision-table cell); `test` yields true, false or null. */
export interface CompiledUnaryTests {
  source: string;
  /** Tests `input` (host or FEEL value); names in the cell resolve against `context`. */
  test(input: unknown, context?: Record<string, unknown>): FeelResult & { value: boolean | null };
}

const DEFAULT_BUDGET = 10_000;
const DEFAULT_MAX_LENGTH = 10_000;

/** Refuses sources longer than the limit before parsing them. */
function tooLong(source: string, options: FeelCompileOptions | undefined): Diagnostic[] {
  const max = options?.maxLength ?? DEFAULT_MAX_LENGTH;
  if (source.length <= max) return [];
  const detail = `The expression is ${source.length} characters long; the limit is ${max}. Split it into smaller steps.`;
  return [diagnostic('feel.syntax', { detail }, { range: { from: max, to: source.length } })];
}
const EMPTY: Record<string, unknown> = {};

function state(source: string, options: FeelCompileOptions | undefined, inputBound: boolean): CompileState {
  return {
    source,
    diagnostics: [],
    names: normalizeNames(options?.names),
    locals: [],
    filterDepth: 0,
    inputBound,
  };
}

/**
 * Evaluates `ev` in `scope`, turning a thrown error (a bug, or a stack overflow
 * from runaway recursion) into null plus a warning. No closure is created per
 * call: this is the hot path of every evaluation.
 */
function guarded(ev: Ev, scope: Scope, budget: number, source: string, now?: FeelDateTime): FeelResult {
  const env: EvalEnv = now ? { warnings: [], budget, now } : { warnings: [], budget };
  try {
    const value = ev(scope, env);
    if (env.budget < 0 && !env.warnings.some(isLimit)) {
      env.warnings.push(
        diagnostic('feel.limit', { detail: 'The expression did too much work, so it was stopped.' }),
      );
      return { value: null, warnings: env.warnings };
    }
    return { value, warnings: env.warnings };
  } catch (e) {
    const detail =
      e instanceof RangeError && /call stack/i.test(e.message)
        ? 'The expression calls itself too deeply, so it was stopped and the result is null.'
        : `Evaluating \`${source}\` failed unexpectedly (${e instanceof Error ? e.message : String(e)}), so the result is null.`;
    env.warnings.push(diagnostic('feel.limit', { detail }, { range: { from: 0, to: source.length } }));
    return { value: null, warnings: env.warnings };
  }
}

function readNow(now: string | FeelDateTime): FeelDateTime | undefined {
  return typeof now === 'string' ? (parseDateTime(now) ?? undefined) : now;
}

const isLimit = (w: Diagnostic) => w.code === 'feel.limit';

function normalizeNames(names: FeelCompileOptions['names']): Record<string, StaticType> | undefined {
  if (names === undefined) return undefined;
  if (!Array.isArray(names)) return names as Record<string, StaticType>;
  const out: Record<string, StaticType> = {};
  for (const n of names as readonly string[]) out[n] = 'any';
  return out;
}

const nameList = (names: FeelCompileOptions['names']) =>
  names === undefined ? undefined : Array.isArray(names) ? (names as readonly string[]) : Object.keys(names);

const errorsIn = (ds: Diagnostic[]) => ds.some((d) => d.severity === 'error');

/**
 * Compiles a FEEL expression. Returns error diagnostics (with source ranges)
 * when it cannot run: syntax errors, unknown names or functions when `names`
 * is given, wrong argument counts, and type mismatches visible at compile time.
 */
export function compileFeel(source: string, options?: FeelCompileOptions): Result<CompiledFeel> {
  const long = tooLong(source, options);
  if (long.length > 0) return fail(long);
  const tree = parseFeel(source, 'Expression', nameList(options?.names));
  const syntax = syntaxDiagnostics(source, tree);
  if (syntax.length > 0) return fail(syntax);
  const st = state(source, options, false);
  const compiled = compileNode(tree.topNode, st);
  if (errorsIn(st.diagnostics)) return fail(st.diagnostics);
  const ev = compiled.ev;
  const budget = options?.budget ?? DEFAULT_BUDGET;
  return ok({
    source,
    evaluate: (context, evalOptions) =>
      guarded(
        ev,
        new Scope(context ?? EMPTY),
        budget,
        source,
        evalOptions?.now === undefined ? undefined : readNow(evalOptions.now),
      ),
  });
}

/**
 * Compiles unary tests, the language of decision-table input cells: `< 100`,
 * `[1..5]`, `"A","B"`, `not("A")`, `-` (anything), `? > 3`, or any expression
 * whose value the input must equal (or lie in, for lists and ranges).
 */
export function compileUnaryTests(source: string, options?: FeelCompileOptions): Result<CompiledUnaryTests> {
  const long = tooLong(source, options);
  if (long.length > 0) return fail(long);
  const tree = parseFeel(source, 'UnaryTests', nameList(options?.names));
  const syntax = syntaxDiagnostics(source, tree);
  if (syntax.length > 0) return fail(syntax);
  const st = state(source, options, true);
  const test: UnaryTest = compileUnaryTestsNode(tree.topNode, st);
  if (errorsIn(st.diagnostics)) return fail(st.diagnostics);
  const budget = options?.budget ?? DEFAULT_BUDGET;
  // The input is bound as `?` in the root frame, so one closure serves every call.
  const ev: Ev = (sc, env) => test(sc.oneValue, sc, env);
  return ok({
    source,
    test: (input, context) => {
      const x = toFeelValue(input);
      const scope = new Scope(context ?? EMPTY, null, null, undefined, '?', x);
      return guarded(ev, scope, budget, source) as FeelResult & { value: boolean | null };
    },
  });
}
