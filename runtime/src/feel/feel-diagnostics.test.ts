import { describe, expect, it } from 'vitest';
import { compileFeel } from './feel-compile.js';
import { rejects } from './feel-test-helpers.js';

const names = { amount: 'number', 'customer name': 'string', country: 'string' } as const;

describe('compile-time diagnostics speak the user language', () => {
  rejects(
    'amout > 10',
    'feel.unknown_name',
    /^`amout` is not a field of this flow — did you mean `amount`\?$/,
    { names },
  );
  rejects('zzzzzz > 10', 'feel.unknown_name', /^`zzzzzz` is not a field of this flow\.$/, { names });
  rejects('sting length("a")', 'feel.unknown_function', /did you mean `string length`\?/, { names });
  rejects('substring("a")', 'feel.argument_count', /`substring` takes 2 or 3 arguments, but 1 was given/);
  rejects('not(true, false)', 'feel.argument_count', /`not` takes 1 argument, but 2 were given/);
  rejects('substring(strng: "a", start position: 1)', 'feel.unknown_parameter', /did you mean `string`\?/);
  rejects('"a" + 1', 'feel.type_mismatch', /Cannot add a string and a number/);
  rejects('amount + country', 'feel.type_mismatch', /Cannot add a number and a string/, { names });
  rejects('"a" < 1', 'feel.type_mismatch', /compares a string with a number/);
  rejects('string length(5)', 'feel.type_mismatch', /needs a string for `string`, but gets a number/);
  rejects('1 +', 'feel.syntax', /ends too early/);
  rejects('', 'feel.syntax', /empty/);
  rejects('@"2020-13-45"', 'feel.syntax', /not a valid date/);
  rejects('x instance of numbr', 'feel.type_mismatch', /`numbr` is not a FEEL type/);

  it('points at the exact range of the unknown name', () => {
    const c = compileFeel('amount > 1 and amout < 5', { names });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.diagnostics[0]?.range).toEqual({ from: 15, to: 20 });
  });

  it('reads names with spaces when they are declared', () => {
    const c = compileFeel('customer name = "Ann"', { names });
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.value.evaluate({ 'customer name': 'Ann' }).value).toBe(true);
  });

  it('accepts a plain list of names', () => {
    const c = compileFeel('Approval Status = "ok"', { names: ['Approval Status'] });
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.value.evaluate({ 'Approval Status': 'ok' }).value).toBe(true);
  });

  it('does not report unknown names when no names are given', () => {
    expect(compileFeel('anything > 1').ok).toBe(true);
  });
});

describe('known names may be dotted paths', () => {
  const fields = {
    'invoice.amount': 'number',
    'invoice.currency': 'string',
    'customer.segment': 'string',
  } as const;
  rejects(
    'invoice.amout > 10',
    'feel.unknown_name',
    /^`invoice.amout` is not a field of this flow — did you mean `invoice.amount`\?$/,
    {
      names: fields,
    },
  );
  rejects('invoice.amount + invoice.currency', 'feel.type_mismatch', /Cannot add a number and a string/, {
    names: fields,
  });
  rejects('custmer.segment = "SMB"', 'feel.unknown_name', /did you mean `customer`\?/, { names: fields });

  it('accepts the roots and fields the paths name', () => {
    const c = compileFeel('invoice.amount > 10 and customer.segment = "SMB"', { names: fields });
    expect(c.ok).toBe(true);
  });

  it('points at the misspelt field only', () => {
    const c = compileFeel('invoice.amout > 10', { names: fields });
    if (!c.ok) expect(c.diagnostics[0]?.range).toEqual({ from: 8, to: 13 });
    else expect.unreachable();
  });
});

describe('habits from other languages get a hint', () => {
  rejects('a == 1', 'feel.syntax', /single `=`/);
  rejects('a <> 1', 'feel.syntax', /`!=`/);
  rejects('a && b', 'feel.syntax', /`a and b`/);
  rejects('a || b', 'feel.syntax', /`a or b`/);
  rejects('!a', 'feel.syntax', /`not\(a\)`/);
  rejects("name = 'Ann'", 'feel.syntax', /double quotes/);
  rejects('name = "Ann', 'feel.syntax', /missing its closing/);

  it('leaves the same characters alone inside text', () => {
    const c = compileFeel('x = "a == b && !c"');
    expect(c.ok).toBe(true);
  });
});

describe('limits', () => {
  rejects('1e99999', 'feel.syntax', /too large to be a number/);
  rejects('1 + 1'.repeat(10), 'feel.syntax', /the limit is 20/, { maxLength: 20 });
});

describe('fields with spaces', () => {
  it('reads a declared dotted path whose field has spaces', () => {
    const c = compileFeel('customer.first name = "Ann"', { names: { 'customer.first name': 'string' } });
    if (!c.ok) throw new Error(c.diagnostics[0]?.message);
    expect(c.value.evaluate({ customer: { 'first name': 'Ann' } }).value).toBe(true);
  });
});
