/**
 * The table of FEEL built-in functions, merged from one module per family.
 * Adding a built-in touches only its family's module.
 */

import { diagnostic } from '@ledgerflow/shared';
import type { Builtin, BuiltinArgs } from './feel-builtin.js';
import { coerceArgument, overloadsForCount } from './feel-builtin.js';
import { booleanBuiltins } from './feel-builtins-boolean.js';
import { contextBuiltins } from './feel-builtins-context.js';
import { conversionBuiltins } from './feel-builtins-conversion.js';
import { listBuiltins } from './feel-builtins-list.js';
import { numericBuiltins } from './feel-builtins-numeric.js';
import { rangeBuiltins } from './feel-builtins-range.js';
import { rangeLiteralBuiltins } from './feel-builtins-range-literal.js';
import { stringBuiltins } from './feel-builtins-string.js';
import { temporalBuiltins } from './feel-builtins-temporal.js';
import { FeelFunction, type FeelValue } from './feel-value.js';

export const builtins = new Map<string, Builtin>(
  [
    ...booleanBuiltins,
    ...stringBuiltins,
    ...numericBuiltins,
    ...listBuiltins,
    ...contextBuiltins,
    ...conversionBuiltins,
    ...temporalBuiltins,
    ...rangeBuiltins,
    ...rangeLiteralBuiltins,
  ].map((b) => [b.name, b]),
);

/** A built-in as a first-class value, e.g. passed to `sort` or stored in a context. */
export function builtinFunctionValue(name: string): FeelFunction {
  const b = builtins.get(name)!;
  const first = b.overloads[0]!;
  const params = first.params.some((p) => p.variadic) ? null : first.params.map((p) => p.name);
  return new FeelFunction(
    params,
    (args, env) => {
      const o = overloadsForCount(b, args.length)[0];
      if (!o) return null;
      const fixed: FeelValue[] = [];
      for (let i = 0; i < o.params.length; i++) {
        const p = o.params[i]!;
        if (p.variadic) {
          fixed.push(args.slice(i));
          break;
        }
        const c = coerceArgument(p, (args[i] as FeelValue | undefined) ?? null);
        if (c !== null && typeof c === 'object' && 'problem' in c) return null;
        fixed.push(c as FeelValue);
      }
      return o.fn(fixed as BuiltinArgs, {
        env,
        fail: (detail) => {
          env.warnings.push(diagnostic('feel.invalid_argument', { name, detail }));
          return null;
        },
      });
    },
    name,
  );
}
