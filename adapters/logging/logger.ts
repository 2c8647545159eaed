/**
 * The one wrapper around pino. Logs are JSON lines on stderr, so stdout stays
 * free for the console chat and the classify command.
 */
import pino from 'pino';
import type { Logger } from '../../core/ports.js';

export type AppLogger = Logger & { child(bindings: Record<string, unknown>): AppLogger; flush?: () => void };

export function createLogger(level: string): AppLogger {
  return pino({ level, base: { app: 'suarawarga' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: true })) as unknown as AppLogger;
}
