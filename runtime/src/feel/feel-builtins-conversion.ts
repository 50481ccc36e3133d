/** Conversion built-ins: `string(from)` and `number(from, grouping separator, decimal separator)`. */
import { builtin } from './feel-builtin.js';
import { feelToString } from './feel-convert.js';
import { FeelDecimal } from './feel-decimal.js';

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const conversionBuiltins = [
  builtin('string', ['from: any', ([v]) => (v === null ? null : feelToString(v)), 'string']),
  builtin('number', [
    'from: string, grouping separator?: any, decimal separator?: any',
    ([s, g, d], call) => {
      const group = g ?? null;
      const dec = d ?? null;
      if (group !== null && ![' ', ',', '.'].includes(group as string))
        return call.fail('the grouping separator must be a space, a comma or a period');
      if (dec !== null && !['.', ','].includes(dec as string))
        return call.fail('the decimal separator must be a period or a comma');
      if (group !== null && group === dec)
        return call.fail('the grouping and decimal separators must differ');
      let t = s as string;
      if (group !== null) t = t.split(group as string).join('');
      if (dec !== null) t = t.replace(dec as string, '.');
      return NUMBER_RE.test(t) ? new FeelDecimal(t) : call.fail(`"${s}" is not a number`);
    },
    'number',
  ]),
];
