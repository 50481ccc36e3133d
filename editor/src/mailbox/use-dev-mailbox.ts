/**
 * Whether the Mailbox page should be offered: only to admins, and only when
 * the server keeps a dev mailbox (no SMTP configured; it answers 404
 * otherwise). Asked once per signed-in admin; any failure hides the item.
 */
import { useEffect, useState } from 'react';
import { probeMailbox } from './mailbox-api.js';

export function useDevMailbox(isAdmin: boolean): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (!isAdmin) {
      setAvailable(false);
      return;
    }
    const controller = new AbortController();
    probeMailbox(controller.signal).then(
      () => !controller.signal.aborted && setAvailable(true),
      () => !controller.signal.aborted && setAvailable(false),
    );
    return () => controller.abort();
  }, [isAdmin]);
  return available;
}
