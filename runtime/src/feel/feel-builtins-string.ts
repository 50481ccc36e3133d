/**
 * String built-ins. Positions are 1-based and count Unicode code points, not
 * UTF-16 units (DMN 1.4 §10.3.4.3), so `substring("😀a", 2)` is `"a"`.
 */
import { builtin, intArg, num } from './feel-builtin.js';
import type { FeelValue } from './feel-value.js';

const chars = (s: string) => Array.from(s);

/** Translates an XPath-style regex (as FEEL uses) to a JS RegExp, or undefined when invalid. */
function regex(pattern: string, flags: FeelValue): RegExp | undefined {
  const f = typeof flags === 'string' ? flags : '';
  if (!/^[smixq]*$/.test(f)) return undefined;
  let js = 'u';
  if (f.includes('s')) js += 's';
  if (f.includes('m')) js += 'm';
  if (f.includes('i')) js += 'i';
  let p = pattern;
  if (f.includes('x')) p = p.replace(/\s+/g, '');
  if (f.includes('q')) p = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(p, js);
  } catch {
    return undefined;
  }
}

export const stringBuiltins = [
  builtin('substring', [
    'string: string, start position: number, length?: number',
    ([s, start, len], call) => {
      const cs = chars(s as string);
      const st = intArg(start);
      const l = len === null ? undefined : intArg(len);
      if (st === undefined || (len !== null && l === undefined))
        return call.fail('positions must be whole numbers');
      // Position 0 is meaningless (1-based from the start, negative from the end); past either end the
      // result is clipped like XPath's fn:substring, so `substring("", 2)` is "".
      if (st === 0) return call.fail('the start position 0 is outside the string (the first character is 1)');
      const from = st > 0 ? st - 1 : Math.max(0, cs.length + st);
      return cs.slice(from, l === undefined ? undefined : from + Math.max(0, l)).join('');
    },
    'string',
  ]),
  builtin('string length', ['string: string', ([s]) => num(chars(s as string).length), 'number']),
  builtin('upper case', ['string: string', ([s]) => (s as string).toUpperCase(), 'string']),
  builtin('lower case', ['string: string', ([s]) => (s as string).toLowerCase(), 'string']),
  builtin('substring before', [
    'string: string, match: string',
    ([s, m]) => {
      const i = (s as string).indexOf(m as string);
      return i < 0 ? '' : (s as string).slice(0, i);
    },
    'string',
  ]),
  builtin('substring after', [
    'string: string, match: string',
    ([s, m]) => {
      const i = (s as string).indexOf(m as string);
      return i < 0 ? '' : (s as string).slice(i + (m as string).length);
    },
    'string',
  ]),
  builtin('contains', [
    'string: string, match: string',
    ([s, m]) => (s as string).includes(m as string),
    'boolean',
  ]),
  builtin('starts with', [
    'string: string, match: string',
    ([s, m]) => (s as string).startsWith(m as string),
    'boolean',
  ]),
  builtin('ends with', [
    'string: string, match: string',
    ([s, m]) => (s as string).endsWith(m as string),
    'boolean',
  ]),
  builtin('matches', [
    'input: string, pattern: string, flags?: string',
    ([s, p, f], call) => {
      const re = regex(p as string, f);
      return re ? re.test(s as string) : call.fail('the pattern is not a valid regular expression');
    },
    'boolean',
  ]),
  builtin('replace', [
    'input: string, pattern: string, replacement: string, flags?: string',
    ([s, p, r, f], call) => {
      const re = regex(p as string, f);
      if (!re) return call.fail('the pattern is not a valid regular expression');
      const g = new RegExp(re.source, re.flags + 'g');
      // XPath replacement syntax: `$0` is the whole match (JS `$&`), `$1`… are groups, `\$` is a dollar.
      const js = (r as string).replace(/\\\$|\$0|\$(\d)/g, (m, d: string | undefined) =>
        m === '\\$' ? '$$' : d === undefined ? '$&' : `$${d}`,
      );
      return (s as string).replace(g, js);
    },
    'string',
  ]),
  builtin('split', [
    'string: string, delimiter: string',
    ([s, d], call) => {
      const re = regex(d as string, null);
      return re
        ? (s as string).split(new RegExp(re.source, 'gu'))
        : call.fail('the delimiter is not a valid regular expression');
    },
    'list',
  ]),
  builtin('string join', [
    'list: list, delimiter?: string',
    ([l, d], call) => {
      const items = l as FeelValue[];
      if (!items.every((i) => i === null || typeof i === 'string'))
        return call.fail('every item must be a string');
      return (items.filter((i) => i !== null) as string[]).join((d as string | null) ?? '');
    },
    'string',
  ]),
  builtin('trim', ['string: string', ([s]) => (s as string).trim(), 'string']),
];
