import { describe, expect, it } from 'vitest';
import { addBusinessDays, intoContactHours } from './business-time.js';
import { addIsoDuration } from './iso-duration.js';

const calendar = { name: 'us', holidays: ['2026-11-26', '2026-11-27'], weekend: [6, 7] };
const hours = { timezoneField: 'customer.timezone', from: '09:00', to: '17:00', weekdays: [1, 2, 3, 4, 5] };

describe('time arithmetic', () => {
  it.each([
    ['2026-11-23T10:00:00Z', 'P1D', '2026-11-24T10:00:00.000Z'],
    ['2026-01-31T00:00:00Z', 'P1M', '2026-02-28T00:00:00.000Z'],
    ['2026-11-23T10:00:00Z', 'PT36H', '2026-11-24T22:00:00.000Z'],
    ['2026-11-23T10:00:00Z', 'P1W', '2026-11-30T10:00:00.000Z'],
  ])('%s + %s = %s', (at, d, expected) => {
    expect(addIsoDuration(at, d)).toBe(expected);
  });

  it('skips weekends and holidays when counting business days', () => {
    // Mon 23 Nov + 3 business days: Tue 24, Wed 25, (Thu/Fri holidays, weekend), Mon 30.
    expect(addBusinessDays('2026-11-23T15:00:00Z', 3, calendar)).toBe('2026-11-30T15:00:00.000Z');
  });

  it('counts business days in the customer time zone', () => {
    // 02:00 UTC Saturday is still Friday evening in New York: +1 business day is Monday 21:00 local.
    expect(
      addBusinessDays('2026-11-21T02:00:00Z', 1, { ...calendar, holidays: [] }, 'America/New_York'),
    ).toBe('2026-11-24T02:00:00.000Z');
  });

  it.each([
    ['inside hours stays', '2026-11-23T15:00:00Z', '2026-11-23T15:00:00Z'],
    ['before opening moves to 09:00 local', '2026-11-23T12:00:00Z', '2026-11-23T14:00:00.000Z'],
    ['after closing moves to next day', '2026-11-23T23:00:00Z', '2026-11-24T14:00:00.000Z'],
    ['Saturday moves to Monday', '2026-11-28T15:00:00Z', '2026-11-30T14:00:00.000Z'],
  ])('contact hours: %s', (_name, at, expected) => {
    expect(intoContactHours(at, hours, 'America/New_York')).toBe(expected);
  });
});
