/** The DMN commands of `pnpm ledgerflow`, run in-process with captured output. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliCommand } from '../../server/src/cli/cli-command.js';
import { dmnCheckCommand } from '../../server/src/cli/commands/dmn-check.js';
import { dmnEvalCommand } from '../../server/src/cli/commands/dmn-eval.js';
import { tckCommand } from '../../server/src/cli/commands/tck.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const level2 = join(repo, '..', 'shared', 'dmn-tck', 'compliance-level-2');
const fixtures = join(repo, 'test', 'fixtures', 'dmn');

async function runCli(command: CliCommand, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('ledgerflow tck', () => {
  it('ends with the pass/fail count and exits 0 when everything passes', async () => {
    const r = await runCli(tckCommand, [join(level2, '0004-simpletable-U')]);
    expect(r.out).toEqual(['3 passed, 0 failed']);
    expect(r.code).toBe(0);
  });

  it('names a failing case with a one-line reason and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tck-'));
    const folder = join(dir, '0004-simpletable-U');
    cpSync(join(level2, '0004-simpletable-U'), folder, { recursive: true });
    const test = join(folder, '0004-simpletable-U-test-01.xml');
    writeFileSync(
      test,
      readFileSync(test, 'utf8').replace(
        '<value xsi:type="xsd:string">Approved</value>',
        '<value xsi:type="xsd:string">Maybe</value>',
      ),
    );
    const r = await runCli(tckCommand, [dir]);
    expect(r.out).toEqual([
      'FAIL 0004-simpletable-U/0004-simpletable-U-test-01:001: Approval Status: expected "Maybe" but got "Approved"',
      '2 passed, 1 failed',
    ]);
    expect(r.code).toBe(1);
  });

  it('refuses a path that is not a folder', async () => {
    const r = await runCli(tckCommand, [join(level2, 'nope')]);
    expect(r.code).toBe(2);
  });
});

describe('ledgerflow dmn-eval and dmn-check', () => {
  it('prints the decision value and the rule that fired', async () => {
    const r = await runCli(dmnEvalCommand, [
      join(fixtures, 'camunda-payment-routing.dmn'),
      'Route payment',
      '--inputs',
      '{"currency":"USD","amount":1000}',
    ]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out.join('\n'));
    expect(printed.value).toEqual({ provider: 'swift', fee: 1 });
    expect(printed.matchedRules[0].rules).toEqual([{ ruleId: 'rule-swift', index: 2 }]);
  });

  it('reports table gaps in a TCK model', async () => {
    const r = await runCli(dmnCheckCommand, [
      join(level2, '0118-multi-priority-hitpolicy', '0118-multi-priority-hitpolicy.dmn'),
    ]);
    expect(r.code).toBe(0);
    expect(
      r.out.some((l) =>
        l.includes('No rule matches when Age = 18 and RiskCategory is "Medium" and isAffordable is false'),
      ),
    ).toBe(true);
  });
});
