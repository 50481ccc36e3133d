import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDecisionTable } from './decision-table-compile.js';
import { loadDmn } from './dmn-load.js';

const fixture = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/dmn/drools-loan-scoring.dmn'),
  'utf8',
);

describe('bad input', () => {
  it('loadDmn answers any string with a model or diagnostics, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = loadDmn(s);
        expect(r.ok ? r.value.definitions : r.diagnostics.length).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  it('loadDmn survives a real model cut anywhere, and its decisions still evaluate without throwing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: fixture.length }),
        fc.integer({ min: 0, max: 40 }),
        (at, drop) => {
          const r = loadDmn(fixture.slice(0, at) + fixture.slice(at + drop));
          if (r.ok)
            for (const d of r.value.decisionNames())
              r.value.evaluate(d, { Applicant: { age: 1, income: 2 } });
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a table with arbitrary cell text compiles or explains why, and evaluates without throwing', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.anything(),
        (cell, out, input) => {
          const r = compileDecisionTable({
            hitPolicy: 'C',
            inputs: [{ id: 'i', label: 'x', expression: 'x' }],
            outputs: [{ id: 'o', name: 'y' }],
            rules: [{ id: 'r', inputEntries: [cell], outputEntries: [out] }],
          });
          if (r.ok) r.value.evaluate({ x: input });
          else expect(r.diagnostics.every((d) => d.path?.[0] === 'rules')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
