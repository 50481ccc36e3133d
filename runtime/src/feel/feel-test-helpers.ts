/** Table-driven test helpers: `expr('1 + 2', 3)` compiles, evaluates and compares the JSON-safe result. */
import { expect, it } from 'vitest';
import { compileFeel, compileUnaryTests, type FeelCompileOptions } from './feel-compile.js';
import { fromFeelValue } from './feel-convert.js';

/** One row: `source` evaluates (against `context`) to `expected` in `fromFeelValue` form. */
export function expr(source: string, expected: unknown, context: Record<string, unknown> = {}): void {
  it(`${source} → ${JSON.stringify(expected)}`, () => {
    const c = compileFeel(source);
    if (!c.ok) throw new Error(`did not compile: ${c.diagnostics.map((d) => d.message).join('; ')}`);
    expect(fromFeelValue(c.value.evaluate(context).value)).toEqual(expected);
  });
}

/** One row: `source` evaluates to null and records a warning with `code`. */
export function warns(source: string, code: string, context: Record<string, unknown> = {}): void {
  it(`${source} → null with ${code}`, () => {
    const c = compileFeel(source);
    if (!c.ok) throw new Error(`did not compile: ${c.diagnostics.map((d) => d.message).join('; ')}`);
    const r = c.value.evaluate(context);
    expect(r.value).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain(code);
  });
}

/** One row: `source` does not compile; the first diagnostic has `code` and a message matching `message`. */
export function rejects(source: string, code: string, message: RegExp, options?: FeelCompileOptions): void {
  it(`rejects ${source} with ${code}`, () => {
    const c = compileFeel(source, options);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.diagnostics[0]?.code).toBe(code);
    expect(c.diagnostics[0]?.message).toMatch(message);
  });
}

/** One row: the unary tests `source` give `expected` for `input`. */
export function cell(
  source: string,
  input: unknown,
  expected: boolean | null,
  context: Record<string, unknown> = {},
): void {
  it(`${JSON.stringify(input)} against cell ${source} → ${expected}`, () => {
    const c = compileUnaryTests(source);
    if (!c.ok) throw new Error(`did not compile: ${c.diagnostics.map((d) => d.message).join('; ')}`);
    expect(c.value.test(input, context).value).toBe(expected);
  });
}
