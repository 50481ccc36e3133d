import { describe, expect, it } from 'vitest';
import type { CliIO } from '../cli-command.js';
import { simulateCommand } from './simulate.js';
import { templatesCommand } from './templates.js';

async function run(command: typeof simulateCommand, args: string[]) {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  };
  const code = await command.run(args, io);
  return { code, out, err };
}

const input = (token: string) =>
  JSON.stringify({
    customer: { id: 'cus_1001', timezone: 'America/New_York', email: 'a@b.c' },
    invoice: { id: 'inv_1', amount: 10, currency: 'USD', dueDate: '2026-11-01' },
    paymentMethod: { type: 'card', token },
  });

describe('ledgerflow simulate', () => {
  it('prints one JSON document for a template id', async () => {
    const r = await run(simulateCommand, [
      'card-dunning',
      '--input',
      input('tok_succeed_after_1'),
      '--start',
      '2026-11-23T10:00:00Z',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['status', 'outcome', 'attempts', 'events', 'trace']);
    expect(doc.outcome).toBe('recovered');
    expect(doc.attempts.map((a: { n: number; result: string }) => [a.n, a.result])).toEqual([
      [1, 'declined'],
      [2, 'succeeded'],
    ]);
    expect(doc.events[0]).toMatchObject({ type: 'run_started', at: '2026-11-23T10:00:00.000Z' });
  });

  it('runs a flow file with scripted events and a horizon', async () => {
    const r = await run(simulateCommand, [
      'test/fixtures/flows/card-dunning.json',
      '--input',
      input('tok_visa_decline_04'),
      '--events',
      'test/fixtures/flows/card-updated.events.json',
      '--start',
      '2026-11-23T10:00:00Z',
    ]);
    expect(JSON.parse(r.out).outcome).toBe('recovered');
    const short = await run(simulateCommand, [
      'card-dunning',
      '--input',
      input('tok_visa_decline_04'),
      '--start',
      '2026-11-23T10:00:00Z',
      '--days',
      '1',
    ]);
    expect(JSON.parse(short.out)).toMatchObject({ status: 'waiting', outcome: null });
  });

  it.each([
    [['nope-template'], /neither a template id nor a readable flow file/],
    [['card-dunning', '--input', '{bad'], /--input is not valid JSON/],
    [['card-dunning', '--days', 'x'], /--days/],
  ])('refuses %j with a clear error', async (args, message) => {
    const r = await run(simulateCommand, args);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatch(message);
  });
});

describe('ledgerflow templates', () => {
  it('lists the six templates', async () => {
    const r = await run(templatesCommand, ['--json']);
    expect(JSON.parse(r.out).map((t: { id: string }) => t.id)).toEqual([
      'card-dunning',
      'ach-dunning',
      'sepa-dunning',
      'multi-psp-failover',
      'credit-limit-approval',
      'legal-escalation',
    ]);
  });
});
