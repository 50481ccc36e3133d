import { describe, expect, it } from 'vitest';
import { feelCommand } from './feel.js';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await feelCommand.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ledgerflow feel', () => {
  it('prints an exact decimal result as JSON', async () => {
    expect(await run('0.1 + 0.2')).toMatchObject({ code: 0, out: '0.3' });
  });
  it('prints numbers a JS number cannot hold as strings', async () => {
    expect((await run('1 / 3')).out).toBe('"0.3333333333333333333333333333333333"');
  });
  it('evaluates against --context', async () => {
    expect((await run('invoice.amount > 100', '--context', '{"invoice":{"amount":150}}')).out).toBe('true');
  });
  it('prints dates and durations in ISO form', async () => {
    expect((await run('date("2020-01-31") + duration("P1M")')).out).toBe('"2020-02-29"');
    expect((await run('date("2020-03-01") - date("2020-01-01")')).out).toBe('"P60D"');
  });
  it('prints diagnostics and exits with 1 when the expression does not compile', async () => {
    const r = await run('substring("a")');
    expect(r.code).toBe(1);
    expect(r.out).toContain('`substring` takes 2 or 3 arguments, but 1 was given.');
    expect(r.out).toContain('^^^^');
  });
  it('prints diagnostics as JSON with --json', async () => {
    const r = await run('1 +', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).diagnostics[0].code).toBe('feel.syntax');
  });
  it('prints null and a warning on stderr for a runtime problem', async () => {
    const r = await run('x / 0', '--context', '{"x": 1}');
    expect(r).toMatchObject({ code: 0, out: 'null' });
    expect(r.err).toContain('Division by zero');
  });
  it('evaluates today() at the instant given with --now', async () => {
    expect((await run('today()', '--now', '2026-11-23T10:00:00Z')).out).toBe('"2026-11-23"');
  });
  it('refuses a context that is not a JSON object', async () => {
    expect((await run('1', '--context', '[1]')).code).toBe(2);
  });
});
