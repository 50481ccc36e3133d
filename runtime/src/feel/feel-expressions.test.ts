import { describe } from 'vitest';
import { expr, warns } from './feel-test-helpers.js';

describe('FEEL arithmetic uses exact decimals', () => {
  expr('1 + 2', 3);
  expr('0.1 + 0.2', 0.3);
  expr('0.1 + 0.2 = 0.3', true);
  expr('1 + 2 * 3', 7);
  expr('(1 + 2) * 3', 9);
  expr('10 / 4', 2.5);
  expr('1 / 3', '0.3333333333333333333333333333333333');
  expr('2 ** 10', 1024);
  expr('-5 + 2', -3);
  expr('- (2 - 5)', 3);
  expr('1.5e3', 1500);
  expr('.5 * 2', 1);
  expr('123456789012345678901234567890 + 1', '123456789012345678901234567891');
  expr('amount * 1.19', 119, { amount: 100 });
  expr('"foo" + "bar"', 'foobar');
});

describe('FEEL runtime problems are null with a warning', () => {
  warns('1 / 0', 'feel.division_by_zero');
  warns('x + 1', 'feel.null_operand', { x: null });
  warns('missing + 1', 'feel.missing_name');
  warns('x + 1', 'feel.type_error', { x: 'a' });
  warns('x < 1', 'feel.type_error', { x: 'a' });
  warns('substring(x, 1)', 'feel.invalid_argument', { x: 5 });
  warns('for i in 1..100000000 return i', 'feel.limit');
  warns('{f: function(n) f(n + 1), r: f(1)}.r', 'feel.limit');
});

describe('FEEL comparison and three-valued logic', () => {
  expr('1 < 2', true);
  expr('2 <= 2', true);
  expr('"a" < "b"', true);
  expr('1 = 1.0', true);
  expr('1 != 2', true);
  expr('null = null', true);
  expr('1 = null', false);
  expr('[1, 2] = [1, 2]', true);
  expr('{a: 1} = {a: 1}', true);
  expr('true and true', true);
  expr('true and null', null);
  expr('false and null', false);
  expr('null or true', true);
  expr('null or false', null);
  expr('false or false', false);
  expr('not(true)', false);
  expr('not(null)', null);
  expr('5 between 1 and 10', true);
  expr('11 between 1 and 10', false);
  expr('x between 1 and 10', true, { x: 10 });
  expr('if 1 > 2 then "a" else "b"', 'b');
  expr('if null then "a" else "b"', 'b');
});

describe('FEEL in, ranges and unary tests in expressions', () => {
  expr('3 in [1..5]', true);
  expr('5 in [1..5)', false);
  expr('3 in (1, 2, 3)', true);
  expr('3 in < 4', true);
  expr('"DE" in ["DE", "FR"]', true);
  expr('c in ["DE", "FR"] and x > 1', true, { c: 'FR', x: 2 });
  expr('c in ["DE", "FR"] and x > 1', false, { c: 'US', x: 2 });
  expr('c in ["DE", "FR"] or x > 1', true, { c: 'US', x: 2 });
  expr('[1..5].start', 1);
  expr('[1..5).end included', false);
  expr('(< 10).end', 10);
});

describe('FEEL lists, contexts, paths and filters', () => {
  expr('[1, 2, 3]', [1, 2, 3]);
  expr('[1, 2, 3][2]', 2);
  expr('[1, 2, 3][-1]', 3);
  expr('[1, 2, 3][5]', null);
  expr('[1, 2, 3][item > 1]', [2, 3]);
  expr('[{a: 1}, {a: 2}][a > 1].a', [2]);
  expr('people[age >= 18].name', ['Ann'], {
    people: [
      { name: 'Ann', age: 30 },
      { name: 'Bob', age: 12 },
    ],
  });
  expr('{a: 1, b: a + 1}', { a: 1, b: 2 });
  expr('{"my key": 5}.my key', 5);
  expr('invoice.amount', 12.5, { invoice: { amount: 12.5 } });
  expr('invoice.lines.qty', [1, 2], { invoice: { lines: [{ qty: 1 }, { qty: 2 }] } });
  expr('a.b.c', 'deep', { a: { b: { c: 'deep' } } });
});

describe('FEEL iteration and quantifiers', () => {
  expr('for x in [1, 2, 3] return x * 2', [2, 4, 6]);
  expr('for x in 1..3 return x', [1, 2, 3]);
  expr('for x in 3..1 return x', [3, 2, 1]);
  expr('for x in [1, 2], y in [10, 20] return x + y', [11, 21, 12, 22]);
  expr('some x in [1, 2, 3] satisfies x > 2', true);
  expr('every x in [1, 2, 3] satisfies x > 0', true);
  expr('every x in [1, 2, 3] satisfies x > 1', false);
  expr('some x in [] satisfies x > 1', false);
});

describe('FEEL functions and instance of', () => {
  expr('(function(a, b) a - b)(5, 3)', 2);
  expr('{f: function(a, b) a - b, r: f(b: 1, a: 5)}.r', 4);
  expr('{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(5)}.r', 120);
  expr('substring(string: "hello", start position: 2, length: 3)', 'ell');
  expr('5 instance of number', true);
  expr('"a" instance of number', false);
  expr('[1, 2] instance of list<number>', true);
  expr('date("2020-01-01") instance of date', true);
  expr('null instance of Null', true);
});

describe('FEEL temporal values', () => {
  expr('date("2020-01-31") + duration("P1M")', '2020-02-29');
  expr('date("2020-03-01") - date("2020-01-01")', 'P60D');
  expr('date("2021-01-01") - duration("P1D")', '2020-12-31');
  expr('@"2020-01-01T10:30:00Z".hour', 10);
  expr('date("2020-02-29").weekday', 6);
  expr('date and time("2020-01-01T10:00:00") + duration("PT2H30M")', '2020-01-01T12:30:00');
  expr('time("23:00:00") + duration("PT2H")', '01:00:00');
  expr('duration("P1DT2H").hours', 2);
  expr('duration("P1Y2M").months', 2);
  expr('duration("P1Y") + duration("P3M")', 'P1Y3M');
  expr('duration("PT36H")', 'P1DT12H');
  expr('date("2020-01-01") < date("2020-01-02")', true);
  expr('@"2020-01-01T12:00:00+01:00" = @"2020-01-01T11:00:00Z"', true);
  expr('date and time("2020-06-01T12:00:00@Europe/Paris").time offset', 'PT2H');
  expr('years and months duration(date("2020-01-15"), date("2021-03-14"))', 'P1Y1M');
  expr('duration("P2D") / duration("P1D")', 2);
  expr('duration("P1D") * 2', 'P2D');
});
