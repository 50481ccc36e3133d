/** In-process counters of the workers, exposed in Prometheus text at /api/metrics. */
export const workerMetrics = {
  steps: 0,
  timersFired: 0,
  failures: 0,
  outbox: { done: 0, retry: 0, failed: 0 } as Record<'done' | 'retry' | 'failed', number>,
  /** Recent timer lags (ms after due), newest last; bounded. */
  timerLagMs: boundedList(1000),
};

function boundedList(max: number) {
  const items: number[] = [];
  return Object.assign(items, {
    push(...values: number[]) {
      Array.prototype.push.apply(items, values);
      if (items.length > max) items.splice(0, items.length - max);
      return items.length;
    },
  });
}
