/**
 * ISO 8601 durations as a person writes them: `P3D` ⇄ 3 days. Only single-unit
 * durations are offered as amount + unit; anything else stays as typed text.
 */
export const durationUnits = [
  { unit: 'M', time: true, label: 'minutes' },
  { unit: 'H', time: true, label: 'hours' },
  { unit: 'D', time: false, label: 'days' },
  { unit: 'W', time: false, label: 'weeks' },
  { unit: 'M', time: false, label: 'months' },
] as const;

export type DurationUnit = (typeof durationUnits)[number]['label'];

export function parseSimpleDuration(iso: string): { amount: number; unit: DurationUnit } | undefined {
  const m = /^P(T?)(\d+)([MHDW])$/.exec(iso);
  if (!m) return undefined;
  const time = m[1] === 'T';
  const found = durationUnits.find((u) => u.unit === m[3] && u.time === time);
  return found ? { amount: Number(m[2]), unit: found.label } : undefined;
}

export function formatDuration(amount: number, unit: DurationUnit): string {
  const u = durationUnits.find((d) => d.label === unit)!;
  return `P${u.time ? 'T' : ''}${Math.max(0, Math.floor(amount))}${u.unit}`;
}

/** "3 days", "4 hours", or the ISO text when it is not a single unit. */
export function describeDuration(iso: string): string {
  const d = parseSimpleDuration(iso);
  if (!d) return iso;
  return `${d.amount} ${d.amount === 1 ? d.unit.slice(0, -1) : d.unit}`;
}
