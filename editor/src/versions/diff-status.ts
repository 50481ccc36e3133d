/** The words and order of diff statuses, shared by the canvas badges, the legend and the change list. */
import type { NodeStatus } from './graph-diff.js';

export const STATUS_LABEL: Readonly<Record<NodeStatus, string>> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  moved: 'moved',
  unchanged: 'unchanged',
};

/** What a legend entry means, in a sentence. */
export const STATUS_MEANING: Readonly<Record<NodeStatus, string>> = {
  added: 'new',
  removed: 'taken out (faded, dashed)',
  changed: 'settings, name or expressions differ',
  moved: 'only moved on the canvas',
  unchanged: 'same in both',
};

/** Order in the change list: what alters behaviour first, layout last. */
export const STATUS_ORDER: readonly NodeStatus[] = ['added', 'removed', 'changed', 'moved', 'unchanged'];
