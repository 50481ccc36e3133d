/**
 * The value once it has stopped changing for `delay` ms. Validation of a big
 * flow (a 40×40 decision table compiles 1,600 FEEL cells) runs when the user
 * pauses, so each keystroke only pays for showing the keystroke.
 */
import { useEffect, useState } from 'react';

export function useSettledValue<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (delay <= 0) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return delay <= 0 ? value : settled;
}
