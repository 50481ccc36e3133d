/** end on the canvas: the face shows the outcome the run finishes with. */
import type { EditorKind } from './editor-kinds.js';

export const endEditor: EditorKind = {
  kind: 'end',
  summarize: (config) => {
    const outcome = (config as { outcome?: unknown } | null)?.outcome;
    return typeof outcome === 'string' && outcome ? `Outcome: ${outcome}` : 'No outcome yet';
  },
};
