/**
 * Numeric built-ins on decimals. Rounding follows DMN 1.4 §10.3.4.5: `decimal`
 * rounds half-even, `round half up` away from zero on ties, `round up` away
 * from zero, `round down` towards zero.
 */
import Decimal from 'decimal.js';
import { type BuiltinArgs, builtin, intArg, num } from './feel-builtin.js';
import { FeelDecimal } from './feel-decimal.js';
import { DaysTimeDuration, type FeelValue, YearsMonthsDuration } from './feel-value.js';

type D = Decimal;

function roundTo(mode: Decimal.Rounding) {
  return ([n, scale]: BuiltinArgs, call: { fail(d: string): null }): FeelValue => {
    const s = scale === null || scale === undefined ? 0 : intArg(scale);
    if (s === undefined || Math.abs(s) > 6176) return call.fail('the scale must be a whole number');
    const x = n as D;
    if (s >= 0) return x.toDecimalPlaces(s, mode);
    const f = new FeelDecimal(10).pow(-s);
    return x.div(f).toDecimalPlaces(0, mode).mul(f);
  };
}

export const numericBuiltins = [
  builtin('decimal', ['n: number, scale: number', roundTo(Decimal.ROUND_HALF_EVEN), 'number']),
  builtin('floor', ['n: number, scale?: number', roundTo(Decimal.ROUND_FLOOR), 'number']),
  builtin('ceiling', ['n: number, scale?: number', roundTo(Decimal.ROUND_CEIL), 'number']),
  builtin('round up', ['n: number, scale?: number', roundTo(Decimal.ROUND_UP), 'number']),
  builtin('round down', ['n: number, scale?: number', roundTo(Decimal.ROUND_DOWN), 'number']),
  builtin('round half up', ['n: number, scale?: number', roundTo(Decimal.ROUND_HALF_UP), 'number']),
  builtin('round half down', ['n: number, scale?: number', roundTo(Decimal.ROUND_HALF_DOWN), 'number']),
  builtin('abs', [
    'n: any',
    ([n], call) => {
      if (n instanceof Decimal) return n.abs();
      if (n instanceof DaysTimeDuration) return new DaysTimeDuration(n.seconds.abs());
      if (n instanceof YearsMonthsDuration) return new YearsMonthsDuration(Math.abs(n.months));
      return call.fail('`n` must be a number or a duration');
    },
    'any',
  ]),
  builtin('modulo', [
    'dividend: number, divisor: number',
    ([a, b], call) => {
      const x = a as D;
      const y = b as D;
      if (y.isZero()) return call.fail('the divisor is zero');
      // FEEL modulo takes the sign of the divisor: a - b * floor(a / b).
      return x.sub(y.mul(x.div(y).floor()));
    },
    'number',
  ]),
  builtin('sqrt', [
    'number: number',
    ([n], call) => ((n as D).isNeg() ? call.fail('a negative number has no square root') : (n as D).sqrt()),
    'number',
  ]),
  builtin('log', [
    'number: number',
    ([n], call) => ((n as D).lte(0) ? call.fail('the logarithm needs a number above zero') : (n as D).ln()),
    'number',
  ]),
  builtin('exp', ['number: number', ([n]) => (n as D).exp(), 'number']),
  builtin('odd', ['number: number', ([n]) => (n as D).isInteger() && !(n as D).mod(2).isZero(), 'boolean']),
  builtin('even', ['number: number', ([n]) => (n as D).isInteger() && (n as D).mod(2).isZero(), 'boolean']),
  builtin('random', ['', () => null, 'number']),
];

export { num };
