/**
 * Which two versions the history compares. By default the latest against the
 * published one (what publishing it would change), else against the one
 * before; a first version is compared with nothing, so all of it is new. A
 * pair named in the address is kept when both versions exist.
 */
export interface VersionPair {
  /** null: compare with nothing. */
  from: number | null;
  to: number;
}

export function defaultPair(versions: readonly number[], published: number | null): VersionPair | undefined {
  const sorted = [...versions].sort((a, b) => a - b);
  const latest = sorted.at(-1);
  if (latest === undefined) return undefined;
  if (published !== null && published !== latest && sorted.includes(published))
    return { from: published, to: latest };
  return { from: sorted.at(-2) ?? null, to: latest };
}

/** The version saved just before `version`, or null for the first. */
export function previousOf(versions: readonly number[], version: number): number | null {
  const earlier = versions.filter((v) => v < version);
  return earlier.length > 0 ? Math.max(...earlier) : null;
}

/** The pair from `?from=&to=` when it names saved versions, else the default. */
export function pairFromQuery(
  query: { from: string | null; to: string | null },
  versions: readonly number[],
  published: number | null,
): VersionPair | undefined {
  const to = Number(query.to);
  const from = query.from === 'none' ? null : Number(query.from);
  const known = (v: number | null) => v === null || versions.includes(v);
  if (
    query.to !== null &&
    Number.isInteger(to) &&
    versions.includes(to) &&
    query.from !== null &&
    known(from) &&
    from !== to
  )
    return { from, to };
  return defaultPair(versions, published);
}
