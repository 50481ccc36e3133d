/**
 * SQL over `run_events` in either row format (db/schema/core.ts): the
 * event, trace and commands of a row as jsonb. Format-2 rows keep them in
 * the body text, compacted (audit/event-body.ts): a trace entry may lack
 * `at`, and a command's `id`/`timerId` may lack the run id prefix — use
 * `commandIdSql` for a command's id.
 */
import { type SQL, sql } from 'drizzle-orm';

type Part = 'event' | 'trace' | 'commands';

/** `<alias>.<part>` as jsonb, for a row of either format. */
export function eventPartSql(alias: string, part: Part): SQL {
  const a = sql.raw(alias);
  const p = sql.raw(part);
  return sql`coalesce(${a}.${p}, (${a}.body::jsonb)->'${p}')`;
}

/** The full id of command `c` (a jsonb element of `eventPartSql(alias, 'commands')`). */
export function commandIdSql(alias: string, command: string): SQL {
  const a = sql.raw(alias);
  const c = sql.raw(command);
  return sql`case when ${a}.body is not null and left(${c}->>'id', 1) = ':' then ${a}.run_id || (${c}->>'id') else ${c}->>'id' end`;
}
