/**
 * The one wrapper around pino. Logs go to stderr, so stdout stays free for the
 * console chat and the classify command: readable coloured lines when stderr
 * is a terminal (pino-pretty), JSON lines otherwise (journald, Docker, files),
 * or whichever LOG_FORMAT asks for.
 */
import { createRequire } from 'node:module';
import pino from 'pino';
import type { Logger } from '../../core/ports.js';

// pino-pretty (and what it pulls in, ~10 MB) is loaded only for pretty output: a service logging JSON never needs it.
const load = createRequire(import.meta.url);

export type AppLogger = Logger & { child(bindings: Record<string, unknown>): AppLogger; flush?: () => void };

/** auto: pretty in a terminal, JSON otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** Whether `format` means pretty lines on this process's stderr. */
export function isPretty(format: LogFormat, stream: { isTTY?: boolean } = process.stderr): boolean {
  return format === 'pretty' || (format === 'auto' && stream.isTTY === true);
}

export function createLogger(level: string, format: LogFormat = 'auto'): AppLogger {
  const options = { level, base: { app: 'suarawarga' }, timestamp: pino.stdTimeFunctions.isoTime };
  const destination = isPretty(format)
    ? (load('pino-pretty') as typeof import('pino-pretty'))({ destination: 2, sync: true, colorize: process.stderr.isTTY === true, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss', ignore: 'pid,hostname,app' })
    : pino.destination({ fd: 2, sync: true });
  return pino(options, destination) as unknown as AppLogger;
}
