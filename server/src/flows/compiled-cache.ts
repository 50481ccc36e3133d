/**
 * Compiled flows by version. A version is immutable, so its compiled form
 * can be kept for the life of the process; the key includes the graph hash
 * so a stale entry can never be used for a different graph.
 */
import { type CompiledFlow, compile } from '@ledgerflow/runtime';
import type { FlowGraph } from '@ledgerflow/shared';

const MAX_ENTRIES = 500;
const cache = new Map<string, CompiledFlow>();

export function compiledFor(graph: FlowGraph, graphHash: string): CompiledFlow {
  const key = `${graph.id}@${graph.version}:${graphHash}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compile(graph);
  // A stored version compiled when it was saved; failing now means the runtime changed under it.
  if (!result.ok) {
    throw new Error(
      `Stored flow ${graph.id} v${graph.version} no longer compiles: ${result.diagnostics.map((d) => d.message).join('; ')}`,
    );
  }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, result.value);
  return result.value;
}

const versions = new Map<string, { graph: FlowGraph; graphHash: string }>();

/**
 * A stored version's graph and hash, read once per process: versions are
 * immutable (a trigger refuses UPDATE), so the cache can never go stale.
 */
export async function cachedVersion(
  key: { flowId: string; version: number },
  load: () => Promise<{ graph: FlowGraph; graphHash: string }>,
) {
  const id = `${key.flowId}@${key.version}`;
  const hit = versions.get(id);
  if (hit) return hit;
  const loaded = await load();
  if (versions.size >= MAX_ENTRIES) versions.delete(versions.keys().next().value!);
  versions.set(id, { graph: loaded.graph, graphHash: loaded.graphHash });
  return loaded;
}
