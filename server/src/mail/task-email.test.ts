import { describe, expect, it } from 'vitest';
import { caseHeadline } from './case-headline.js';
import { type TaskEmailFacts, taskEmail } from './task-email.js';

describe('caseHeadline', () => {
  it.each([
    [
      { customer: { id: 'cus_1', name: 'ACME' }, invoice: { amount: 12500, currency: 'EUR' } },
      'ACME (cus_1)',
      '12500 EUR',
    ],
    [{ customer: { id: 'cus_1' }, refund: { amount: 42 } }, 'cus_1', '42'],
    [{ customer: 'Beta Ltd', amount: '99.50', currency: 'GBP' }, 'Beta Ltd', '99.50 GBP'],
    [{ customerId: 'c-9', currency: 'USD', order: { totalAmount: 7 } }, 'c-9', '7 USD'],
    [{ customer: { email: 'x@y.test' }, amount: 'a lot' }, 'x@y.test', null],
    [{ note: 'nothing useful' }, null, null],
    ['not an object', null, null],
  ])('%j → customer %s, amount %s', (context, customer, amount) => {
    expect(caseHeadline(context)).toEqual({ customer, amount });
  });
});

const facts: TaskEmailFacts = {
  recipientName: 'Ann <Approver>',
  flowName: 'Write-off & refunds',
  flowVersion: 3,
  title: 'Approve write-off',
  required: 2,
  dueAt: new Date('2026-03-03T09:00:00.000Z'),
  customer: 'ACME (cus_1)',
  amount: '12500 EUR',
  link: 'http://lf.test/task-link#token=abc.def',
  linkExpiresAt: new Date('2026-03-03T08:00:00.000Z'),
};

describe('taskEmail', () => {
  it('says what is asked, of whom, by when, with the link, in the text part', () => {
    const mail = taskEmail(facts);
    expect(mail.subject).toBe('Approval needed: Approve write-off for ACME (cus_1)');
    expect(mail.text).toContain('Hello Ann <Approver>,');
    expect(mail.text).toContain('Flow:      Write-off & refunds (version 3)');
    expect(mail.text).toContain('Amount:    12500 EUR');
    expect(mail.text).toContain('Asked:     Approve write-off — 2 approvals needed');
    expect(mail.text).toContain('Decide by: Tue, 3 Mar 2026, 09:00 UTC');
    expect(mail.text).toContain('\nhttp://lf.test/task-link#token=abc.def\n');
    expect(mail.text).toContain('until Tue, 3 Mar 2026, 08:00 UTC');
  });

  it('escapes every value in the HTML part', () => {
    const { html } = taskEmail({ ...facts, title: '<script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Hello Ann &lt;Approver&gt;,');
    expect(html).toContain('Write-off &amp; refunds');
  });

  it('says who handed a delegated task over and why, and when facts are missing', () => {
    const mail = taskEmail({
      ...facts,
      customer: null,
      amount: null,
      dueAt: null,
      delegatedBy: { name: 'Ben', note: 'On leave' },
    });
    expect(mail.subject).toBe('Handed to you: Approve write-off');
    expect(mail.text).toContain('Ben handed this approval to you: "On leave"');
    expect(mail.text).toContain('Customer:  not given in this case');
    expect(mail.text).toContain('Decide by: no deadline');
  });
});
