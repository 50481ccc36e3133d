/**
 * Regression test for the pnpm patch of postgres.js (patches/postgres@3.4.9.patch):
 * on every new connection the driver first asks Postgres for its array types.
 * If the server terminates the connection while that query is in flight (a
 * restart, pg_terminate_backend, a failover), the unpatched driver leaves the
 * query's promise rejected with nobody listening — an unhandled rejection that
 * takes a worker process down. Here a TCP relay between the driver and real
 * Postgres waits for that query and has Postgres terminate the backend. The
 * query that opened the connection fails with the termination error (as any
 * query on a terminated connection does, and as our callers expect), nothing
 * is left unhandled, and the next query reconnects and succeeds.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresAvailable } from '../testing/test-databases.js';

describe.runIf(postgresAvailable)('the Postgres driver when the type query loses its connection', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let admin: postgres.Sql;
  let relay: Server;
  let relayPort = 0;
  let terminated = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    created = await createPostgresDatabase();
    admin = postgres(created.url, { max: 1, onnotice: () => {} });
    const target = new URL(created.url);
    relay = createServer((client) => {
      const server = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
      sockets.add(client).add(server);
      server.on('data', (chunk) => client.write(chunk));
      server.on('close', () => client.destroy());
      client.on('close', () => server.destroy());
      server.on('error', () => client.destroy());
      client.on('error', () => server.destroy());
      client.on('data', (chunk) => {
        if (terminated > 0 || !chunk.includes('pg_catalog.pg_type')) {
          server.write(chunk);
          return;
        }
        // Hold the type query and have Postgres end this backend: the driver
        // then reads FATAL 57P01 while the query is outstanding.
        terminated++;
        client.pause();
        void admin`
          select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`.finally(() => client.resume());
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const address = relay.address();
    relayPort = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => relay?.close(resolve));
    await admin?.end();
    await created?.drop();
  });

  it('fails the waiting query with the termination, leaves nothing unhandled, and reconnects', {
    timeout: 20_000,
  }, async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const url = new URL(created.url);
    url.port = String(relayPort);
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await expect(client`select 1`).rejects.toMatchObject({ code: '57P01' });
      const rows = await client`select 41 + 1 as answer`;
      // Let any rejection the driver dropped surface before checking.
      await new Promise((r) => setTimeout(r, 200));
      expect(terminated).toBe(1);
      expect(rows[0]?.answer).toBe(42);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await client.end({ timeout: 1 });
    }
  });
});
