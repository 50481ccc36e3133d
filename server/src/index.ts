/** The server package's public surface, for the test/ package (benchmarks, e2e) and tools. */

/** drizzle's `sql` tag, so tools and benchmarks can query without their own drizzle dependency. */
export { sql } from 'drizzle-orm';
export { createApp } from './app.js';
export type { AppDeps } from './app-deps.js';
export { canonicalJson } from './audit/canonical-json.js';
export { decodeEventBody, encodeEventBody } from './audit/event-body.js';
export { exportEvidence, verifyEvidence, verifyStoredRun } from './audit/evidence-pack.js';
export { bodyHash, type ChainLink, eventHash, graphHash, verifyChain } from './audit/hash-chain.js';
export { type Database, databaseOptionsFromEnv, openDatabase } from './db/database.js';
export { rowsOf } from './db/rows.js';
export { createFlow } from './flows/flow-store.js';
export { createLogger } from './logger.js';
export { startRunIn } from './runs/run-store.js';
export { signalRun } from './runs/signal-run.js';
export { adapterRegistry, defaultAdapters } from './worker/adapters/registry.js';
export { Worker } from './worker/worker.js';
export { startWorkers } from './worker/worker-pool.js';
