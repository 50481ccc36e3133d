/**
 * Time left to decide, in words, and how urgent it is. Pure: "now" comes in,
 * so the screen can tick every second and tests can pin the clock.
 */
export type Urgency = 'none' | 'ok' | 'soon' | 'urgent' | 'overdue';

export function timeLeft(dueAt: string | null, now: Date): { text: string; urgency: Urgency } {
  if (!dueAt) return { text: 'No deadline', urgency: 'none' };
  const ms = new Date(dueAt).getTime() - now.getTime();
  if (Number.isNaN(ms)) return { text: 'No deadline', urgency: 'none' };
  if (ms <= 0) return { text: `Overdue by ${span(-ms)}`, urgency: 'overdue' };
  const urgency: Urgency = ms < 60 * 60_000 ? 'urgent' : ms < 8 * 60 * 60_000 ? 'soon' : 'ok';
  return { text: `${span(ms)} left`, urgency };
}

/** 2d 4h, 3h 05m, 12m 09s, 42s — two units, the larger first. */
export function span(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(sec)}s`;
  return `${sec}s`;
}

/** Soonest deadline first; tasks without one last; then oldest first. */
export function bySla<T extends { dueAt: string | null; createdAt: string }>(tasks: readonly T[]): T[] {
  const key = (t: T) => (t.dueAt ? new Date(t.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => key(a) - key(b) || a.createdAt.localeCompare(b.createdAt));
}

/** Run data as label/value lines for the case panel: nested objects one level deep, long values cut. */
export function caseFacts(context: Record<string, unknown>): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const show = (v: unknown) => {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return text.length > 120 ? `${text.slice(0, 117)}…` : text;
  };
  for (const [k, v] of Object.entries(context)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>))
        out.push({ label: `${k}.${k2}`, value: show(v2) });
    } else out.push({ label: k, value: show(v) });
  }
  return out;
}
