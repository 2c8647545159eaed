/**
 * Several real service processes (`npm start`'s app/main.ts) on one
 * PostgreSQL database, and Meta in front of them as a load balancer sees it:
 * each webhook goes to one instance, and one that is not acknowledged
 * (connection refused or reset, a non-2xx answer) is delivered again, after a
 * short pause, to another instance that is still in rotation.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sign } from '../whatsapp-cloud/fake-graph.js';

/** One JSON log line of an instance. */
export interface LogLine { msg?: string; level?: number; [key: string]: unknown }

export interface Instance {
  readonly name: string;
  /** The command centre's base URL (it also serves /webhooks/whatsapp and /webhooks/telegram). */
  readonly url: string;
  readonly log: LogLine[];
  /** Resolves with the exit code (null after a signal) once the process has ended. */
  readonly exited: Promise<number | null>;
  /** False once the load balancer took the instance out of rotation. */
  inRotation: boolean;
  /** The first log line (already written or still to come) that matches; throws after `timeoutMs` with the log so far. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  /** Takes the instance out of rotation, sends the signal and waits for the process to end. */
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

/** Starts app/main.ts with `env` on top of the test's environment; resolves once the command centre listens. */
export async function startInstance(name: string, env: Record<string, string>, timeoutMs = 60_000): Promise<Instance> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: LogLine[] = [];
  const raw: string[] = [];
  const listeners = new Set<(line: LogLine) => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffer = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      raw.push(text);
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue; // not a log line (a stack trace written before the logger existed)
      }
      log.push(line);
      for (const l of [...listeners]) l(line);
    }
  });

  const waitForLog = (match: (line: LogLine) => boolean, ms: number): Promise<LogLine> => new Promise((resolve, reject) => {
    const found = log.find(match);
    if (found) return resolve(found);
    const done = (err?: Error, line?: LogLine) => {
      clearTimeout(timer);
      listeners.delete(listener);
      if (err) reject(err);
      else resolve(line!);
    };
    const listener = (line: LogLine) => { if (match(line)) done(undefined, line); };
    const timer = setTimeout(() => done(new Error(`instance ${name}: the awaited log line did not come within ${ms} ms; its log:\n${raw.slice(-40).join('\n')}${buffer}`)), ms);
    listeners.add(listener);
    void exited.then((code) => done(new Error(`instance ${name} exited (${code}) before the awaited log line; its log:\n${raw.slice(-40).join('\n')}${buffer}`)));
  });

  const listening = await waitForLog((l) => l.msg === 'command centre listening' && typeof l.url === 'string', timeoutMs).catch(async (err: unknown) => {
    // Never leave a half-started process behind.
    child.kill('SIGKILL');
    await exited;
    throw err;
  });
  const instance: Instance = {
    name, url: String(listening.url), log, exited, inRotation: true, waitForLog,
    async stop(signal) {
      instance.inRotation = false;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return instance;
}

/** A copy of prompts/ where every agency has a Telegram desk group of its own; returns agency code → chat id. */
export function giveEveryAgencyADesk(promptsDir: string, firstChatId = -1_001_000_000_001): Map<string, number> {
  const file = join(promptsDir, 'agencies.yaml');
  const chats = new Map<string, number>();
  let code: string | undefined;
  const lines = readFileSync(file, 'utf8').split('\n').map((line) => {
    const c = /^\s*- code: (\w+)/.exec(line);
    if (c) code = c[1];
    if (code && /^\s+telegram_chats: \[\]/.test(line)) {
      const chat = firstChatId - chats.size;
      chats.set(code, chat);
      return line.replace('[]', `[${chat}]`);
    }
    return line;
  });
  writeFileSync(file, lines.join('\n'));
  return chats;
}

/** One POST of a webhook and what came back (0: no answer, the connection was refused or reset). */
export interface Delivery { instance: string; status: number }

/**
 * Meta posting webhooks through a load balancer: the first delivery of each
 * webhook alternates between the instances in rotation; one that is not
 * answered 2xx goes to the next instance in rotation after `retryMs`, until
 * one acknowledges it. Every body is signed with the app secret.
 */
export class FakeMeta {
  readonly deliveries: Delivery[] = [];
  /** Webhooks acknowledged (2xx) so far. */
  acknowledged = 0;
  private turn = 0;

  constructor(private readonly instances: readonly Instance[], private readonly opts: { retryMs: number; giveUpMs: number }) {}

  /** Delivers one webhook body until an instance acknowledges it. */
  async deliver(payload: unknown): Promise<void> {
    const body = JSON.stringify(payload);
    const giveUpAt = Date.now() + this.opts.giveUpMs;
    let next = this.turn++;
    for (;;) {
      const live = this.instances.filter((i) => i.inRotation);
      if (live.length === 0) throw new Error('no instance in rotation to deliver the webhook to');
      const target = live[next++ % live.length]!;
      const status = await this.post(target, body);
      this.deliveries.push({ instance: target.name, status });
      if (status >= 200 && status < 300) {
        this.acknowledged++;
        return;
      }
      if (Date.now() > giveUpAt) throw new Error(`no instance acknowledged a webhook within ${this.opts.giveUpMs} ms (last: ${target.name} answered ${status})`);
      await sleep(this.opts.retryMs);
    }
  }

  private async post(target: Instance, body: string): Promise<number> {
    try {
      const res = await fetch(`${target.url}/webhooks/whatsapp`, {
        method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }
}

/** Runs `job` for every item, at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await job(items[next++]!);
  }));
}

/** Polls `check` every `everyMs` until it holds; throws `why()` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number, why: () => string | Promise<string>, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${await why()}`);
    await sleep(everyMs);
  }
}
