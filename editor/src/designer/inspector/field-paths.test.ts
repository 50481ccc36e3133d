import { describe, expect, it } from 'vitest';
import { fieldPaths } from './field-paths.js';

describe('fieldPaths', () => {
  it('lists nested object fields as dotted paths', () => {
    expect(
      fieldPaths([
        { name: 'customer', type: 'string' },
        { name: 'invoice', type: 'object', fields: [{ name: 'amount', type: 'number' }] },
      ]),
    ).toEqual(['customer', 'invoice', 'invoice.amount']);
  });
});
