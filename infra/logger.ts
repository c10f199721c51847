import pino, { type Logger } from 'pino';
import { currentRequestId } from './request-scope';

export type { Logger };

/**
 * Structured JSON logs, one object per line. The server logs to stdout; CLI commands whose stdout
 * is their answer (token create) log to stderr.
 */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    {
      level,
      base: { service: 'recourse' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Every line written while a request is served carries its id (see request-scope.ts).
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    pino.destination({ fd: destination === 'stdout' ? 1 : 2, sync: true }),
  );
}
