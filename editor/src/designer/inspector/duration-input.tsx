/** A duration as amount + unit ("3 days"); compound ISO durations stay editable as text. */
import { useState } from 'react';
import { type DurationUnit, durationUnits, formatDuration, parseSimpleDuration } from './duration.js';

export function DurationInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange(iso: string): void;
}) {
  const simple = parseSimpleDuration(value);
  const [asText, setAsText] = useState(value !== '' && !simple);
  if (asText || (value !== '' && !simple)) {
    return (
      <div className="duration-input">
        <input
          id={id}
          value={value}
          placeholder="e.g. P3D or P1DT12H"
          onChange={(e) => onChange(e.target.value)}
        />
        {simple && (
          <button type="button" className="link-button" onClick={() => setAsText(false)}>
            Use amount and unit
          </button>
        )}
      </div>
    );
  }
  const amount = simple?.amount ?? 1;
  const unit = simple?.unit ?? 'days';
  return (
    <div className="duration-input">
      <input
        id={id}
        type="number"
        min={0}
        step={1}
        value={amount}
        aria-label="Amount"
        onChange={(e) => onChange(formatDuration(Number(e.target.value || 0), unit))}
      />
      <select
        aria-label="Unit"
        value={unit}
        onChange={(e) => onChange(formatDuration(amount, e.target.value as DurationUnit))}
      >
        {durationUnits.map((u) => (
          <option key={u.label} value={u.label}>
            {u.label}
          </option>
        ))}
      </select>
      <button type="button" className="link-button" onClick={() => setAsText(true)}>
        Advanced
      </button>
    </div>
  );
}
