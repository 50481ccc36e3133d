import { describe, expect, it } from 'vitest';
import { dayStart, emptyFilters, explorerQuery, filterProblems, filtersFrom } from './explorer-filters.js';

describe('explorer filters', () => {
  it('reads filters from the address bar, ignoring unknown keys', () => {
    const f = filtersFrom(new URLSearchParams('flowId=f1&status=failed&customer=%20c-9%20&x=1'));
    expect(f).toEqual({ ...emptyFilters, flowId: 'f1', status: 'failed', customer: 'c-9' });
  });

  it('builds the server query with whole local days', () => {
    const q = new URLSearchParams(
      explorerQuery(
        { ...emptyFilters, flowId: 'f1', version: '2', from: '2026-03-01', to: '2026-03-03' },
        50,
        'cur|1',
      ),
    );
    expect(q.get('flowId')).toBe('f1');
    expect(q.get('version')).toBe('2');
    expect(q.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(q.get('to')).toBe(new Date(2026, 2, 4).toISOString());
    expect(q.get('limit')).toBe('50');
    expect(q.get('before')).toBe('cur|1');
    expect(q.get('counts')).toBe('false');
    expect(q.has('status')).toBe(false);
  });

  it('leaves out a version that is not a number and a date that is not a date', () => {
    const q = new URLSearchParams(explorerQuery({ ...emptyFilters, version: 'two', from: 'soon' }, 10));
    expect([...q.keys()]).toEqual(['limit']);
  });

  it.each([
    [{ version: 'x' }, ['Version must be a whole number, like 3.']],
    [{ from: '2026-03-05', to: '2026-03-01' }, ['The “from” date is after the “to” date.']],
    [{ from: '2026-03-01', to: '2026-03-01' }, []],
  ])('explains filter problems for %o', (patch, expected) => {
    expect(filterProblems({ ...emptyFilters, ...patch })).toEqual(expected);
  });

  it('rejects impossible day strings', () => {
    expect(dayStart('2026-3-1')).toBeNull();
    expect(dayStart('')).toBeNull();
  });
});
