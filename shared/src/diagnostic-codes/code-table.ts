import type { Severity } from '../diagnostic.js';

/** A family of diagnostic codes: each code names its severity and a `{placeholder}` message template. */
export type CodeTable = Record<string, { severity: Severity; template: string }>;
