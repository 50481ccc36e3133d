/** Structured logs with pino; pretty-printed on a terminal in development, JSON otherwise. */
import { pino } from 'pino';

export function createLogger(options: { level?: string; pretty?: boolean } = {}) {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const pretty = options.pretty ?? (process.stdout.isTTY && process.env.NODE_ENV !== 'production');
  return pino({
    level,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}

export type { Logger } from 'pino';
