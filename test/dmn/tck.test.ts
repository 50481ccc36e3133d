/**
 * The DMN TCK compliance level 2 folder (../shared/dmn-tck beside the
 * clone) runs in the suite: every one of its 116 cases must pass.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTckFolders } from '../../server/src/cli/commands/tck.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const level2 = join(repo, '..', 'shared', 'dmn-tck', 'compliance-level-2');

describe('DMN TCK compliance level 2', () => {
  it('finds the TCK folder beside the clone', () => {
    expect(existsSync(level2)).toBe(true);
  });

  it('passes all 116 cases', async () => {
    const outcomes = await runTckFolders([level2]);
    const failures = outcomes.filter((o) => !o.passed).map((o) => `${o.id}: ${o.reason}`);
    expect(failures).toEqual([]);
    expect(outcomes.length).toBe(116);
  });
});
