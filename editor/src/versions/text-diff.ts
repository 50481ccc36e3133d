/**
 * Text diffs of FEEL and templates, as runs of kept / removed / added text.
 * jsdiff does the diffing; FEEL is split into FEEL tokens first (names with
 * their dots, numbers, quoted strings, two-character operators), so `> 1000`
 * → `>= 5000` reads as two replaced tokens rather than a torn `>=`. Templates
 * and prose are diffed by words. Joining the kept and removed runs always
 * gives back the old text, kept and added runs the new text.
 */
import { diffArrays, diffWordsWithSpace } from 'diff';

export interface TextPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

const FEEL_TOKEN =
  /"(?:[^"\\]|\\.)*"?|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|\d+(?:\.\d+)?|\s+|[<>!]=|\.\.|[\s\S]/g;

/** FEEL source as tokens; concatenating them gives the source back. */
export function feelTokens(source: string): string[] {
  return source.match(FEEL_TOKEN) ?? [];
}

/** Merges neighbouring runs of the same kind and drops empty ones. */
function compact(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = out[out.length - 1];
    if (last && last.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

const kindOf = (change: { added: boolean; removed: boolean }): TextPart['kind'] =>
  change.added ? 'added' : change.removed ? 'removed' : 'same';

/** Token-level diff of two FEEL texts. */
export function diffFeel(before: string, after: string): TextPart[] {
  return compact(
    diffArrays(feelTokens(before), feelTokens(after)).map((c) => ({
      kind: kindOf(c),
      text: c.value.join(''),
    })),
  );
}

/** Word-level diff of two texts (templates, notes). */
export function diffText(before: string, after: string): TextPart[] {
  return compact(diffWordsWithSpace(before, after).map((c) => ({ kind: kindOf(c), text: c.value })));
}

/** The old text (side 'before') or the new one (side 'after') a diff was made from. */
export function sideOf(parts: readonly TextPart[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'added' : 'removed';
  return parts
    .filter((p) => p.kind !== skip)
    .map((p) => p.text)
    .join('');
}
