/**
 * What changed between two versions of a flow, as data for the version
 * history and the publish review: steps added, removed, changed (config
 * leaf by leaf, FEEL and templates as text diffs) or only moved; connections
 * added and removed; input fields; name and description. Pure: two graphs in,
 * one GraphDiff out.
 *
 * Steps are matched by their stable id, so a rename is a change, not a
 * remove + add. Connections are matched by what they connect (step, exit,
 * step), not by id: re-drawing the same arrow is no change. Moving a step on
 * the canvas changes no behaviour, so a step that only moved is `moved`, not
 * `changed`. With no `before` (a first version) everything is added.
 */
import type { FlowEdge, FlowGraph, FlowNode, InputField } from '@ledgerflow/shared';
import { describePath, formatValue, keyWords } from './change-labels.js';
import { diffValues, type LeafChange, type PathSegment } from './config-diff.js';
import { conditionAsFeel, type TextLanguage, textLanguageAt } from './feel-fields.js';
import { diffFeel, diffText, type TextPart } from './text-diff.js';

export type NodeStatus = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

export interface ConfigChange {
  path: PathSegment[];
  /** The path in words, e.g. "Rule 3 › Amount". */
  label: string;
  before: unknown;
  after: unknown;
  /** The change is the order of a list (cases, rules, routes): before/after are item labels. */
  reordered?: true;
}

export interface FeelChange {
  path: PathSegment[];
  label: string;
  language: TextLanguage;
  /** Empty when the text is new. */
  before: string;
  /** Empty when the text was removed. */
  after: string;
  parts: TextPart[];
}

export interface NodeDiff {
  id: string;
  status: Exclude<NodeStatus, 'unchanged'>;
  /** The step as it is in `after` (or as it was, when removed). */
  node: FlowNode;
  previous?: FlowNode | undefined;
  renamed?: { before: string; after: string } | undefined;
  kindChanged?: { before: string; after: string } | undefined;
  moved: boolean;
  /** Settings that changed, except FEEL and templates (those are in `feel`). */
  config: ConfigChange[];
  feel: FeelChange[];
}

export interface InputDiff {
  /** Dotted path of the field, e.g. `invoice.amount`. */
  path: string;
  status: 'added' | 'removed' | 'changed';
  before?: InputField | undefined;
  after?: InputField | undefined;
  /** For `changed`: what differs, e.g. "type: string → number". */
  details: string[];
}

export interface GraphDiff {
  name?: { before: string | null; after: string } | undefined;
  description?: { before: string | null; after: string | null } | undefined;
  /** Every step that is not unchanged: after's order, then removed steps in before's order. */
  nodes: NodeDiff[];
  edges: { added: FlowEdge[]; removed: FlowEdge[] };
  inputs: InputDiff[];
}

/** True when the two versions are the same in every respect, layout included. */
export function isEmptyDiff(diff: GraphDiff): boolean {
  return (
    !diff.name &&
    !diff.description &&
    diff.nodes.length === 0 &&
    diff.edges.added.length === 0 &&
    diff.edges.removed.length === 0 &&
    diff.inputs.length === 0
  );
}

export function diffGraphs(before: FlowGraph | null, after: FlowGraph): GraphDiff {
  const diff: GraphDiff = {
    nodes: diffNodes(before?.nodes ?? [], after.nodes),
    edges: diffEdges(before?.edges ?? [], after.edges),
    inputs: diffInputs(flattenInputs(before?.inputs ?? []), flattenInputs(after.inputs)),
  };
  if (before?.name !== after.name) diff.name = { before: before?.name ?? null, after: after.name };
  const descBefore = before?.description || null;
  const descAfter = after.description || null;
  if (descBefore !== descAfter) diff.description = { before: descBefore, after: descAfter };
  return diff;
}

function diffNodes(before: readonly FlowNode[], after: readonly FlowNode[]): NodeDiff[] {
  const beforeById = new Map(before.map((n) => [n.id, n]));
  const afterIds = new Set(after.map((n) => n.id));
  const out: NodeDiff[] = [];
  for (const node of after) {
    const previous = beforeById.get(node.id);
    if (!previous) {
      out.push({ id: node.id, status: 'added', node, moved: false, config: [], feel: [] });
      continue;
    }
    const changed = diffNode(previous, node);
    if (changed) out.push(changed);
  }
  for (const node of before) {
    if (!afterIds.has(node.id))
      out.push({ id: node.id, status: 'removed', node, moved: false, config: [], feel: [] });
  }
  return out;
}

function diffNode(previous: FlowNode, node: FlowNode): NodeDiff | undefined {
  const moved = previous.position.x !== node.position.x || previous.position.y !== node.position.y;
  const renamed = previous.name !== node.name ? { before: previous.name, after: node.name } : undefined;
  const kindChanged = previous.kind !== node.kind ? { before: previous.kind, after: node.kind } : undefined;
  const { config, feel } = diffConfig(node.kind, previous.config, node.config);
  const changed = renamed || kindChanged || config.length > 0 || feel.length > 0;
  if (!changed && !moved) return undefined;
  return {
    id: node.id,
    status: changed ? 'changed' : 'moved',
    node,
    previous,
    renamed,
    kindChanged,
    moved,
    config,
    feel,
  };
}

/** Keys of a condition that its FEEL reading already says. */
const CONDITION_KEYS = new Set(['mode', 'combinator', 'rows', 'expression']);

function diffConfig(
  kind: string,
  before: unknown,
  after: unknown,
): { config: ConfigChange[]; feel: FeelChange[] } {
  const config: ConfigChange[] = [];
  const feel: FeelChange[] = [];
  let leaves: LeafChange[] = diffValues(before, after);
  if (kind === 'condition') {
    const was = conditionAsFeel(before) ?? '';
    const is = conditionAsFeel(after) ?? '';
    if (was !== is) {
      feel.push({
        path: ['expression'],
        label: 'Condition',
        language: 'feel',
        before: was,
        after: is,
        parts: diffFeel(was, is),
      });
      leaves = leaves.filter((leaf) => !CONDITION_KEYS.has(String(leaf.path[0])));
    }
  }
  for (const leaf of leaves) {
    const label = describePath(leaf.path, after, before);
    // A condition's FEEL was compared above, as it reads; what is left is how it was written.
    const language = kind === 'condition' ? undefined : textLanguageAt(kind, leaf.path);
    const textual = (v: unknown) => v === undefined || typeof v === 'string';
    const was = textual(leaf.before) ? ((leaf.before as string | undefined) ?? '') : undefined;
    const is = textual(leaf.after) ? ((leaf.after as string | undefined) ?? '') : undefined;
    // "" and "not set" read the same as text; that difference stays a plain config change.
    if (language && !leaf.reordered && was !== undefined && is !== undefined && was !== is) {
      const parts = language === 'feel' ? diffFeel(was, is) : diffText(was, is);
      feel.push({ path: leaf.path, label, language, before: was, after: is, parts });
      continue;
    }
    if (leaf.reordered) {
      const names = (ids: unknown, config: unknown) =>
        (ids as string[]).map((id) => describePath([...leaf.path, { id }], config));
      config.push({
        ...leaf,
        label: `Order of ${keyWords(String(leaf.path.at(-1) ?? 'items'))}`,
        before: names(leaf.before, before),
        after: names(leaf.after, after),
        reordered: true,
      });
      continue;
    }
    config.push({ path: leaf.path, label, before: leaf.before, after: leaf.after });
  }
  return { config, feel };
}

const edgeKey = (e: FlowEdge) => `${e.source}\u0000${e.sourcePort}\u0000${e.target}`;

function diffEdges(before: readonly FlowEdge[], after: readonly FlowEdge[]): GraphDiff['edges'] {
  const count = (edges: readonly FlowEdge[]) => {
    const m = new Map<string, number>();
    for (const e of edges) m.set(edgeKey(e), (m.get(edgeKey(e)) ?? 0) + 1);
    return m;
  };
  // Multisets, so a (never valid, still possible) duplicate arrow is counted right.
  const surplus = (edges: readonly FlowEdge[], other: Map<string, number>) =>
    edges.filter((e) => {
      const left = other.get(edgeKey(e)) ?? 0;
      if (left > 0) other.set(edgeKey(e), left - 1);
      return left === 0;
    });
  return { added: surplus(after, count(before)), removed: surplus(before, count(after)) };
}

/** Input fields by dotted path (nested object fields included). */
export function flattenInputs(fields: readonly InputField[], prefix = ''): Map<string, InputField> {
  const out = new Map<string, InputField>();
  for (const field of fields) {
    const path = prefix + field.name;
    out.set(path, field);
    for (const [p, f] of flattenInputs(field.fields ?? [], `${path}.`)) out.set(p, f);
  }
  return out;
}

function diffInputs(before: Map<string, InputField>, after: Map<string, InputField>): InputDiff[] {
  const out: InputDiff[] = [];
  for (const [path, field] of after) {
    const old = before.get(path);
    if (!old) {
      out.push({ path, status: 'added', after: field, details: [] });
      continue;
    }
    const details: string[] = [];
    if (old.type !== field.type) details.push(`type: ${old.type} → ${field.type}`);
    if (Boolean(old.required) !== Boolean(field.required))
      details.push(field.required ? 'now required' : 'no longer required');
    if ((old.description ?? '') !== (field.description ?? ''))
      details.push(`description: ${formatValue(old.description)} → ${formatValue(field.description)}`);
    if (details.length > 0) out.push({ path, status: 'changed', before: old, after: field, details });
  }
  for (const [path, field] of before) {
    if (!after.has(path)) out.push({ path, status: 'removed', before: field, details: [] });
  }
  return out;
}
