/**
 * The keyboard contract of a modal dialog: focus moves to the returned ref's
 * element once, when the dialog opens (later renders must not steal it from
 * a field), and Escape closes it. `onClose` may change between renders.
 */
import { useEffect, useRef } from 'react';

export function useDialogKeys<T extends HTMLElement>(onClose: () => void) {
  const first = useRef<T>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return first;
}
