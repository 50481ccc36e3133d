/**
 * The editor half of the node-kind table: optional extras a kind can give the
 * canvas (a one-line summary on the node face, a hand-made inspector form).
 * A kind missing here still works: its face shows the label and its inspector
 * is generated from the config schema.
 */
import type { ComponentType } from 'react';
import type { ConfigFormProps } from '../inspector/config-form-props.js';
import { conditionEditor } from './condition-editor.js';
import { decisionEditor } from './decision-editor.js';
import { endEditor } from './end-editor.js';

export interface EditorKind {
  kind: string;
  /** One short line on the node face, e.g. `amount > 1000`. */
  summarize?(config: unknown): string;
  /** A hand-made form; otherwise the schema-generated one is used. */
  Form?: ComponentType<ConfigFormProps>;
}

const kinds: EditorKind[] = [conditionEditor, decisionEditor, endEditor];

export const editorKinds: ReadonlyMap<string, EditorKind> = new Map(kinds.map((k) => [k.kind, k]));
