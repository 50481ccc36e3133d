import { describe, expect, it } from 'vitest';
import { classify, decideRetry } from './classify.js';
import { withRules } from './rule-registry.js';

const at = '2026-11-23T10:00:00Z';

describe('classify', () => {
  it.each([
    [{ rail: 'card', code: '51', network: 'visa' }, 'soft', 'visa-2', 'visa.cat2.v2025'],
    [{ rail: 'card', code: '04', network: 'visa' }, 'hard', 'visa-1', 'visa.cat1'],
    [{ rail: 'card', code: '57', network: 'visa' }, 'hard', 'visa-1', 'visa.cat1.57'],
    [{ rail: 'card', code: '55', network: 'visa' }, 'soft', 'visa-3', 'visa.cat3'],
    [{ rail: 'card', code: 'QQ', network: 'visa' }, 'soft', 'visa-4', 'visa.cat4'],
    [{ rail: 'card', code: '05', merchantAdvice: '03' }, 'hard', 'mc-mac-03', 'mastercard.mac03'],
    [
      { rail: 'card', code: '05', merchantAdvice: '26', network: 'mastercard' },
      'soft',
      'mc-mac-26',
      'mastercard.mac26',
    ],
    [{ rail: 'card', code: '05', network: 'mastercard' }, 'soft', 'mc-generic', 'mastercard.no_mac'],
    [{ rail: 'ach', code: 'R01' }, 'soft', 'ach-nsf', 'nacha.nsf'],
    [{ rail: 'ach', code: 'R08' }, 'hard', 'ach-stop-payment', 'nacha.stopped'],
    [{ rail: 'ach', code: 'R11' }, 'soft', 'ach-correctable', 'nacha.correctable'],
    [{ rail: 'ach', code: 'R77' }, 'hard', 'ach-other', 'nacha.other'],
    [{ rail: 'sepa', code: 'AM04' }, 'soft', 'sepa-funds', 'sepa.am04'],
    [{ rail: 'sepa', code: 'MD01' }, 'hard', 'sepa-mandate', 'sepa.mandate'],
    [{ rail: 'sepa', code: 'AG01' }, 'hard', 'sepa-account', 'sepa.account'],
  ] as const)('%j is %s (%s, rule %s)', (decline, classification, category, rule) => {
    expect(classify(decline, at)).toMatchObject({ classification, category, rule: { id: rule } });
  });

  it('uses the rule in force on the day of the decline', () => {
    expect(classify({ rail: 'card', code: '51', network: 'visa' }, '2025-03-01T00:00:00Z').rule.id).toBe(
      'visa.cat2.v2021',
    );
    expect(classify({ rail: 'card', code: '57', network: 'visa' }, '2026-10-24T23:00:00Z').category).toBe(
      'visa-4',
    );
  });
});

describe('decideRetry', () => {
  const visa51 = { rail: 'card', code: '51', network: 'visa' } as const;
  const spent = (n: number) => ({
    'visa.reattempts:tok': Array.from({ length: n }, (_, i) =>
      new Date(Date.parse(at) - (i + 1) * 86_400_000).toISOString(),
    ),
  });

  it.each([
    ['2026-11-23', 19, true],
    ['2026-11-23', 20, false],
    ['2025-04-20', 14, true],
    ['2025-04-20', 15, false],
  ] as const)('on %s with %i Visa retries in 30 days allows another: %s', (day, n, allowed) => {
    const when = `${day}T10:00:00Z`;
    const budgets = {
      'visa.reattempts:tok': Array.from({ length: n }, (_, i) =>
        new Date(Date.parse(when) - (i + 1) * 3_600_000).toISOString(),
      ),
    };
    expect(decideRetry(visa51, when, when, 'tok', budgets).allowed).toBe(allowed);
  });

  it('forgets retries older than the window', () => {
    const old = { 'visa.reattempts:tok': Array.from({ length: 20 }, () => '2026-10-01T00:00:00Z') };
    expect(decideRetry(visa51, at, at, 'tok', old).allowed).toBe(true);
    expect(decideRetry(visa51, at, at, 'tok', spent(20)).allowed).toBe(false);
  });

  it('moves a retry to the Mastercard advice delay', () => {
    const d = decideRetry({ rail: 'card', code: '05', merchantAdvice: '28' }, at, at, 'tok', {});
    expect(d).toMatchObject({
      allowed: true,
      ruleId: 'mastercard.mac28',
      notBefore: '2026-11-29T10:00:00.000Z',
    });
  });

  it('lets an operator add a rule version as data', () => {
    const r = withRules([
      {
        id: 'visa.cat2.v2027',
        network: 'visa',
        codes: ['51'],
        category: 'visa-2',
        meaning: 'issuer cannot approve at this time',
        classification: 'soft',
        action: 'retry',
        budgets: [{ key: 'visa.reattempts', scope: 'card', max: 25, window: 'P30D' }],
        effectiveFrom: '2027-01-01',
        source: 'test',
      },
    ]);
    if (!r.ok) throw new Error(r.error);
    expect(r.registry.find('visa', '51', '2027-02-01T00:00:00Z')?.id).toBe('visa.cat2.v2027');
    expect(r.registry.find('visa', '51', at)?.id).toBe('visa.cat2.v2025');
    expect(withRules([{ id: 'x' }]).ok).toBe(false);
  });
});
