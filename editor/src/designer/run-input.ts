/**
 * The run panel's JSON input: a sample built from the flow's input fields,
 * and parsing that explains a mistake in words (and where) instead of failing.
 */
import type { InputField } from '@ledgerflow/shared';

/** Where the Run tab keeps the last input typed for a flow (`new` for an unsaved one). */
export const runInputKey = (flowId: string | null) => `ledgerflow.run-input.v1.${flowId ?? 'new'}`;

export type ParsedInput = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

export function parseRunInput(text: string): ParsedInput {
  if (!text.trim()) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    const position = /position (\d+)/.exec(detail)?.[1];
    let where = '';
    if (position !== undefined) {
      const before = text.slice(0, Number(position));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` (line ${line}, column ${column})`;
    }
    return {
      ok: false,
      message: `The input is not valid JSON${where}. Check for missing quotes around names, missing commas, or a trailing comma.`,
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      message: 'The input must be a JSON object with named fields, like {"amount": 1200}.',
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

const samples: Record<InputField['type'], (f: InputField) => unknown> = {
  number: () => 0,
  string: () => '',
  boolean: () => false,
  date: () => '2026-01-31',
  datetime: () => '2026-01-31T09:00:00Z',
  list: () => [],
  object: (f) => sampleInput(f.fields ?? []),
};

export function sampleInput(fields: readonly InputField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, samples[f.type](f)]));
}
