/**
 * A run as a sequence of steps an auditor can walk through: every trace entry
 * of every event is one step (an event that moved nothing is a step of its
 * own), so "forward" always means "the engine did one more thing".
 */
import type { RunEvent, StoredRunEvent, TraceEntry } from '@ledgerflow/shared';

export interface ReplayStep {
  /** Position in the walk, 0-based. */
  index: number;
  /** The event (by seq) that caused this step. */
  seq: number;
  event: RunEvent;
  /** The engine's record of the step; null for an event that moved no node. */
  entry: TraceEntry | null;
  /** All trace entries up to and including this one, for drawing the path so far. */
  pathSoFar: TraceEntry[];
  /** The first step of its event: where the event's own facts (who, what answer) are shown. */
  firstOfEvent: boolean;
}

export function replaySteps(events: readonly StoredRunEvent[]): ReplayStep[] {
  const steps: ReplayStep[] = [];
  const path: TraceEntry[] = [];
  for (const stored of [...events].sort((a, b) => a.seq - b.seq)) {
    const entries: (TraceEntry | null)[] = stored.trace.length > 0 ? stored.trace : [null];
    entries.forEach((entry, i) => {
      if (entry) path.push(entry);
      steps.push({
        index: steps.length,
        seq: stored.seq,
        event: stored.event,
        entry,
        pathSoFar: [...path],
        firstOfEvent: i === 0,
      });
    });
  }
  return steps;
}

/** Clamp a move through the steps: never before the first or after the last. */
export function moveStep(current: number, delta: number, count: number): number {
  if (count === 0) return 0;
  return Math.min(count - 1, Math.max(0, current + delta));
}
