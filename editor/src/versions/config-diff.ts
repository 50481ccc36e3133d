/**
 * Leaf-by-leaf difference of two JSON values (node configs). Lists whose
 * items all carry a distinct string `id` (switch cases, decision rules and
 * columns, payment routes) are matched by id, never by position, so inserting
 * a rule reports one added rule rather than every later rule as changed; the
 * id itself is the path segment. A reordering of such a list is reported once
 * as an order change (order decides which case or rule wins). Added or
 * removed objects are walked down to their leaves, so every FEEL cell of a
 * new rule is its own change. `undefined` on a side means "not there".
 */

/** A key of an object, an index into a list, or the id of an item of an id-keyed list. */
export type PathSegment = string | number | { id: string };

export interface LeafChange {
  path: PathSegment[];
  before: unknown;
  after: unknown;
  /** The id-keyed list at `path` kept its items but changed their order; before/after are the ids. */
  reordered?: true;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

function idsOf(list: readonly unknown[]): string[] | undefined {
  const ids: string[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item.id !== 'string') return undefined;
    ids.push(item.id);
  }
  return new Set(ids).size === ids.length ? ids : undefined;
}

/** Every leaf that differs between `before` and `after`, in a stable order (after's, then removed ones). */
export function diffValues(before: unknown, after: unknown, path: PathSegment[] = []): LeafChange[] {
  if (jsonEqual(before, after)) return [];
  const beforeList = Array.isArray(before) ? before : before === undefined ? [] : undefined;
  const afterList = Array.isArray(after) ? after : after === undefined ? [] : undefined;
  if (beforeList && afterList && (Array.isArray(before) || Array.isArray(after))) {
    if (beforeList.length === 0 && afterList.length === 0) return [{ path, before, after }];
    return diffLists(beforeList, afterList, path);
  }
  const beforeObj = isRecord(before) ? before : before === undefined ? {} : undefined;
  const afterObj = isRecord(after) ? after : after === undefined ? {} : undefined;
  if (beforeObj && afterObj) {
    const keys = [...new Set([...Object.keys(afterObj), ...Object.keys(beforeObj)])];
    if (keys.length === 0) return [{ path, before, after }];
    return keys.flatMap((key) => diffValues(beforeObj[key], afterObj[key], [...path, key]));
  }
  return [{ path, before, after }];
}

function diffLists(before: readonly unknown[], after: readonly unknown[], path: PathSegment[]): LeafChange[] {
  const beforeIds = idsOf(before);
  const afterIds = idsOf(after);
  if (!beforeIds || !afterIds || (before.length === 0 && after.length === 0)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffValues(before[i], after[i], [...path, i])).flat();
  }
  const byId = (list: readonly unknown[]) => new Map(list.map((item) => [(item as { id: string }).id, item]));
  const beforeById = byId(before);
  const afterById = byId(after);
  const changes: LeafChange[] = [];
  const keptBefore = beforeIds.filter((id) => afterById.has(id));
  const keptAfter = afterIds.filter((id) => beforeById.has(id));
  if (keptBefore.some((id, i) => id !== keptAfter[i]))
    changes.push({ path, before: keptBefore, after: keptAfter, reordered: true });
  const order = [...afterIds, ...beforeIds.filter((id) => !afterById.has(id))];
  for (const id of order) {
    const leaves = diffValues(beforeById.get(id), afterById.get(id), [...path, { id }]);
    // The id is already the path segment; listing it as a leaf says nothing new.
    const said = leaves.filter(
      (leaf) => !(leaf.path.length === path.length + 2 && leaf.path.at(-1) === 'id'),
    );
    changes.push(
      ...(said.length > 0
        ? said
        : leaves.length > 0
          ? [{ path: [...path, { id }], before: beforeById.get(id), after: afterById.get(id) }]
          : []),
    );
  }
  return changes;
}
