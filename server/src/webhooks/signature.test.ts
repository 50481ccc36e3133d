import { describe, expect, it } from 'vitest';
import { SANDBOX_WEBHOOK_SECRET, webhookSecret } from './providers.js';
import { checkWebhookSignature, signWebhook, webhookHeaders } from './signature.js';

const now = new Date('2026-11-23T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);
const body = '{"type":"payment.succeeded","data":{"idempotencyKey":"run_1:charge:1"}}';
const headersOf = (h: Record<string, string>) => ({
  id: h['Ledgerflow-Id'],
  timestamp: h['Ledgerflow-Timestamp'],
  signature: h['Ledgerflow-Signature'],
});

describe('webhook signatures', () => {
  it('signs HMAC-SHA256 over id.timestamp.body, as a known vector', () => {
    // echo -n 'evt_1.1700000000.{}' | openssl dgst -sha256 -hmac secret
    expect(signWebhook('secret', 'evt_1', 1_700_000_000, '{}')).toBe(
      'v1=81cb8b50961f0fd250d94959303132527aa389817f295263b27dc72d42ec0a3e',
    );
  });

  it('accepts its own signature and refuses any change to id, timestamp, body or secret', () => {
    const good = webhookHeaders('s3cret', 'evt_1', ts, body);
    expect(checkWebhookSignature('s3cret', headersOf(good), body, now)).toEqual({ ok: true });
    const bad = [
      checkWebhookSignature('s3cret', { ...headersOf(good), id: 'evt_2' }, body, now),
      checkWebhookSignature('s3cret', { ...headersOf(good), timestamp: String(ts + 1) }, body, now),
      checkWebhookSignature('s3cret', headersOf(good), body.replace('1', '2'), now),
      checkWebhookSignature('other', headersOf(good), body, now),
      checkWebhookSignature('s3cret', { ...headersOf(good), timestamp: '12e3' }, body, now),
    ];
    for (const r of bad) expect(r).toEqual({ ok: false, problem: 'invalid' });
  });

  it('accepts one of several signatures (secret rotation) and names a missing header', () => {
    const h = headersOf(webhookHeaders('new', 'evt_1', ts, body));
    const both = `${signWebhook('old', 'evt_1', ts, body)} ${h.signature}`;
    expect(checkWebhookSignature('new', { ...h, signature: both }, body, now)).toEqual({ ok: true });
    expect(checkWebhookSignature('new', { ...h, timestamp: undefined }, body, now)).toEqual({
      ok: false,
      problem: 'missing',
      header: 'Ledgerflow-Timestamp',
    });
  });

  it('refuses a timestamp more than five minutes from the clock, either way', () => {
    for (const [offset, ok] of [
      [-300, true],
      [-301, false],
      [300, true],
      [301, false],
    ] as const) {
      const h = headersOf(webhookHeaders('s', 'e', ts + offset, body));
      expect(checkWebhookSignature('s', h, body, now).ok).toBe(ok);
    }
  });
});

describe('webhook provider secrets', () => {
  it('reads LEDGERFLOW_WEBHOOK_SECRET_<PROVIDER>, and gives sandboxes the local default outside production', () => {
    expect(webhookSecret('adyen', { LEDGERFLOW_WEBHOOK_SECRET_ADYEN: 'whsec_a' })).toBe('whsec_a');
    expect(webhookSecret('adyen', {})).toBeNull();
    expect(webhookSecret('sandbox', {})).toBe(SANDBOX_WEBHOOK_SECRET);
    expect(webhookSecret('stripe_sandbox', {})).toBe(SANDBOX_WEBHOOK_SECRET);
    expect(webhookSecret('sandbox', { NODE_ENV: 'production' })).toBeNull();
    expect(webhookSecret('sandbox', { NODE_ENV: 'production', LEDGERFLOW_WEBHOOK_SECRET_SANDBOX: 'x' })).toBe(
      'x',
    );
    expect(webhookSecret('../etc', { 'LEDGERFLOW_WEBHOOK_SECRET_../ETC': 'x' })).toBeNull();
  });
});
