import type { FlowGraph } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { clearDraft, loadDraft, sameContent, saveDraft } from './draft-storage.js';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}
const graph: FlowGraph = {
  schemaVersion: 1,
  id: 'f1',
  version: 2,
  name: 'Dunning',
  inputs: [],
  nodes: [],
  edges: [],
};

describe('draft storage', () => {
  it('keeps one draft per flow and one for the unsaved new flow', () => {
    const store = memoryStore();
    saveDraft('f1', { graph, baseVersion: 2, savedAt: 't' }, store);
    saveDraft(null, { graph: { ...graph, name: 'New' }, baseVersion: 0, savedAt: 't' }, store);
    expect(loadDraft('f1', store)?.graph.name).toBe('Dunning');
    expect(loadDraft(null, store)?.graph.name).toBe('New');
    clearDraft('f1', store);
    expect(loadDraft('f1', store)).toBeUndefined();
    expect(loadDraft(null, store)).toBeDefined();
  });

  it('treats a corrupt entry as no draft instead of crashing the designer', () => {
    const store = memoryStore();
    store.setItem('ledgerflow.draft.v1.f1', '{not json');
    expect(loadDraft('f1', store)).toBeUndefined();
    store.setItem('ledgerflow.draft.v1.f1', '{"graph":{"nodes":3}}');
    expect(loadDraft('f1', store)).toBeUndefined();
  });

  it('reports a refused write so the user can be warned', () => {
    const full = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveDraft('f1', { graph, baseVersion: 1, savedAt: 't' }, full)).toBe(false);
  });

  it('compares content, ignoring server-owned id and version', () => {
    expect(sameContent(graph, { ...graph, id: 'other', version: 9 })).toBe(true);
    expect(sameContent(graph, { ...graph, name: 'Changed' })).toBe(false);
  });

  it('counts test cases as content (a new case is worth autosaving) and no cases as an empty list', () => {
    const testCase = {
      id: 't1',
      name: 'Paid',
      input: {},
      steps: { start: '2026-03-02', days: 30, approvals: 'approved' as const },
      expect: { outcome: 'paid' },
    };
    expect(sameContent(graph, { ...graph, testCases: [testCase] })).toBe(false);
    expect(sameContent(graph, { ...graph, testCases: [] })).toBe(true);
  });
});
