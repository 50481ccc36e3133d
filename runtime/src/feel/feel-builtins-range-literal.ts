/**
 * `range(from)`: reads a range from text (`"[1..10)"`, `"<10"`, `"[@\"2020-01-01\"..@\"2020-12-31\"]"`).
 * The text is parsed with the FEEL grammar itself and its endpoints compiled
 * as constant expressions (DMN 1.4 §10.3.4.9: endpoints are literals).
 */
import { builtin } from './feel-builtin.js';
import { type CompileState, compileNode } from './feel-compile-core.js';
import { parseFeel, syntaxDiagnostics } from './feel-parse.js';
import { Scope } from './feel-scope.js';
import { FeelRange, type FeelValue } from './feel-value.js';

function readRange(text: string): FeelRange | null {
  const tree = parseFeel(text, 'Expression');
  if (syntaxDiagnostics(text, tree).length > 0) return null;
  const top = tree.topNode.firstChild;
  if (top?.name !== 'SimplePositiveUnaryTest') return null;
  const st: CompileState = {
    source: text,
    diagnostics: [],
    names: {},
    locals: [],
    filterDepth: 0,
    inputBound: false,
  };
  const compiled = compileNode(top, st);
  if (st.diagnostics.length > 0) return null;
  const v: FeelValue = compiled.ev(new Scope({}), { warnings: [], budget: 100 });
  return v instanceof FeelRange ? v : null;
}

export const rangeLiteralBuiltins = [
  builtin('range', [
    'from: string',
    ([s], call) => readRange(s as string) ?? call.fail(`"${s}" is not a range such as "[1..10)" or "<10"`),
    'range',
  ]),
];
