/**
 * Operating the running service: scheduled backups, operator alerts, the
 * readiness check (/readyz), the figures behind /metrics, and the command
 * centre's view of outbox rows waiting for a channel that is off. One per
 * app (operationsOf), started by main.ts with the service.
 */
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { reply } from '../core/config/texts.js';
import { slaDeadlines } from '../core/sla/checker.js';
import { OPEN_STATES } from '../core/tickets/types.js';
import type { OutboxBacklog } from '../store/sqlite/operations.js';
import { createAlerts, channelName, type Alerts } from './alerts.js';
import { createBackupScheduler, type BackupScheduler } from './backups.js';
import type { App } from './build.js';
import { calendarCoverage, type CalendarCoverage } from './calendar.js';
import type { ChannelBacklog, OperationsView, Readiness, ReadyCheck } from '../web/host.js';

export type { ChannelBacklog, Readiness, ReadyCheck } from '../web/host.js';

export interface Operations {
  readonly backups: BackupScheduler;
  readonly alerts: Alerts;
  readiness(): Promise<Readiness>;
  calendar(): CalendarCoverage;
  backlog(): Promise<ChannelBacklog[]>;
  /** Failed and uncertain rows of a connected channel go out again. */
  resend(channel: string, who: string): Promise<number>;
  /** Gives up undelivered rows of a channel (waiting ones, or failed/uncertain ones). */
  dismiss(channel: string, which: 'waiting' | 'problems', who: string): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const all = new WeakMap<App, Operations>();

/** The command centre's view of an app's operations (WebHost.operations). */
export function operationsView(app: App): OperationsView {
  const ops = operationsOf(app);
  return {
    readiness: () => ops.readiness(),
    backlog: () => ops.backlog(),
    backupStatus: () => ops.backups.status(),
    resend: (channel, who) => ops.resend(channel, who),
    dismiss: (channel, which, who) => ops.dismiss(channel, which, who),
  };
}

/** The operations of an app, created on first use. */
export function operationsOf(app: App): Operations {
  let ops = all.get(app);
  if (!ops) {
    ops = createOperations(app);
    all.set(app, ops);
  }
  return ops;
}

const MB = 1024 * 1024;

function createOperations(app: App): Operations {
  const { config, logger, clock, store } = app;
  const queries = store.operations;
  const cfg = () => app.prompts.current();
  const notify = async (text: string) => {
    await app.tickets.notifyDesk(cfg().city.triage_agency, text);
    app.worker.kick();
  };
  const backups = createBackupScheduler({
    backup: store.backupTo, dir: config.BACKUP_DIR, everyHours: config.BACKUP_EVERY_HOURS, keep: config.BACKUP_KEEP,
    mediaDir: config.MEDIA_DIR, clock, logger,
    onFailure: (message) => notify(reply(cfg(), 'desk_backup_failed', { error: message.slice(0, 1500) }))
      .catch((err: unknown) => logger.error({ err }, 'could not tell the command-centre desk that the backup failed')),
  });
  const alerts = createAlerts({
    health: () => app.health(), outboxCounts: async () => await store.outbox.counts(), clock, logger,
    channelDownMinutes: config.ALERT_CHANNEL_DOWN_MINUTES,
    notify: async (key, vars) => await notify(reply(cfg(), key, vars)),
  });
  let calendarLoggedOn = '';

  function calendar(): CalendarCoverage {
    const c = calendarCoverage(cfg(), clock.now());
    const today = clock.now().toISOString().slice(0, 10);
    if (c.warning && calendarLoggedOn !== today) {
      calendarLoggedOn = today;
      logger.warn({ lastHoliday: c.lastHoliday, daysLeft: c.daysLeft }, c.warning);
    }
    return c;
  }

  /** Channel ids this process serves, and whether each is connected. */
  function served(): Map<string, boolean> {
    const m = new Map<string, boolean>();
    for (const [id, ch] of app.channels) m.set(id, ch.health().connected);
    const desk = app.desk();
    if (desk) m.set('desk', desk.health().connected);
    return m;
  }

  async function backlog(): Promise<ChannelBacklog[]> {
    const on = served();
    const groups = new Map<string, OutboxBacklog[]>();
    for (const b of await queries.backlog()) groups.set(b.channel, [...(groups.get(b.channel) ?? []), b]);
    return [...groups.entries()].map(([channel, rows]) => {
      const n = (s: OutboxBacklog['status']) => rows.find((r) => r.status === s)?.count ?? 0;
      const state: ChannelBacklog['state'] = !on.has(channel) ? 'off' : on.get(channel) ? 'on' : 'down';
      const what = channel === 'desk' ? 'kartu' : 'pesan ke warga';
      const owner = channel === 'desk' ? 'Telegram' : channelName(channel);
      const pending = n('pending');
      const reason = state === 'off' ? `${owner} belum diaktifkan: ${pending} ${what} menunggu`
        : state === 'down' ? `${owner} terputus: ${pending} ${what} menunggu dan terkirim setelah tersambung lagi`
          : `${owner} aktif: ${pending} ${what} dalam antrean`;
      return {
        channel, name: channelName(channel), state, pending, failed: n('failed'), uncertain: n('uncertain'),
        oldest: rows.map((r) => r.oldest).sort()[0]!, reason, canResend: state === 'on',
      };
    });
  }

  async function readiness(): Promise<Readiness> {
    const checks: ReadyCheck[] = [];
    const warnings: string[] = [];
    const warningsId: string[] = [];
    const warn = (en: string, id: string) => { warnings.push(en); warningsId.push(id); };
    try {
      await queries.probeWritable(250);
      checks.push({ name: 'database', ok: true, detail: 'writable' });
    } catch (err) {
      checks.push({ name: 'database', ok: false, detail: `not writable: ${(err as Error).message} (${store.location})` });
    }
    try {
      const fs = statfsSync(dirname(resolve(config.DATABASE_PATH)));
      const freeMb = Math.floor((fs.bavail * fs.bsize) / MB);
      checks.push({ name: 'disk', ok: freeMb >= config.DISK_MIN_FREE_MB, detail: `${freeMb} MB free next to the database (minimum DISK_MIN_FREE_MB=${config.DISK_MIN_FREE_MB})` });
    } catch (err) {
      checks.push({ name: 'disk', ok: false, detail: `cannot read free space: ${(err as Error).message}` });
    }
    const p = cfg();
    checks.push({ name: 'prompts', ok: !!p.hash, detail: `loaded (hash ${p.hash})` });
    checks.push({ name: 'leader', ok: true, detail: app.leader.isLeader() ? `this instance leads (${store.instanceId})` : `another instance leads; this is ${store.instanceId}` });
    for (const h of app.health()) {
      if (!h.enabled) continue;
      checks.push({ name: `channel:${h.channel}`, ok: h.connected, detail: h.connected ? 'connected' : `down${h.lastError ? `: ${h.lastError}` : ''}` });
    }
    const b = backups.status();
    if (config.BACKUP_EVERY_HOURS > 0) {
      const age = b.last ? (clock.now().getTime() - b.last.at.getTime()) / 3_600_000 : undefined;
      if (b.lastError && (!b.last || Date.parse(b.lastError.at) > b.last.at.getTime())) warn(`last backup failed: ${b.lastError.message}`, `Pencadangan terakhir gagal: ${b.lastError.message}`);
      else if (age !== undefined && age > 2 * config.BACKUP_EVERY_HOURS) warn(`last backup is ${Math.round(age)} hours old (BACKUP_EVERY_HOURS=${config.BACKUP_EVERY_HOURS})`, `Cadangan terakhir sudah ${Math.round(age)} jam (jadwal tiap ${config.BACKUP_EVERY_HOURS} jam).`);
    }
    const c = calendar();
    if (c.warning) warn(c.warning, c.warningId ?? c.warning);
    const counts = await store.outbox.counts();
    if (counts.failed + counts.uncertain > 0) {
      warn(`${counts.failed} failed and ${counts.uncertain} uncertain outbox messages: resend or dismiss them in the command centre`,
        `${counts.failed} pesan gagal dan ${counts.uncertain} tidak pasti terkirim: kirim ulang atau abaikan di bawah.`);
    }
    for (const x of checks) if (!x.ok) warningsId.unshift(`Pemeriksaan ${x.name} gagal: ${x.detail}`);
    return { ok: checks.every((x) => x.ok), checks, warnings, warningsId };
  }

  async function overdueByAgency(): Promise<{ agency: string; n: number }[]> {
    const now = clock.now();
    const counts = new Map<string, number>();
    for (const t of await store.tickets.list({ states: [...OPEN_STATES], limit: 100_000 })) {
      if (slaDeadlines(t, cfg(), now).overdue) counts.set(t.agency, (counts.get(t.agency) ?? 0) + 1);
    }
    return [...counts.entries()].map(([agency, n]) => ({ agency, n }));
  }

  app.metrics.attach({
    ...queries,
    channels: () => app.health(),
    overdueByAgency,
    lastBackup: () => backups.status().last,
    backupFailures: () => backups.status().failures,
    holidayDaysLeft: () => calendarCoverage(cfg(), clock.now()).daysLeft,
    now: () => clock.now(),
  });

  return {
    backups, alerts, readiness, calendar, backlog,
    async resend(channel, who) {
      const b = (await backlog()).find((x) => x.channel === channel);
      if (!b?.canResend) throw new Error(`${channelName(channel)} tidak tersambung; nyalakan salurannya dulu, lalu kirim ulang.`);
      const n = await queries.requeue(channel, clock.now().toISOString(), who);
      logger.info({ channel, rows: n, by: who }, 'failed/uncertain outbox rows resent from the command centre');
      app.worker.kick();
      return n;
    },
    async dismiss(channel, which, who) {
      const statuses = which === 'waiting' ? (['pending'] as const) : (['failed', 'uncertain'] as const);
      const n = await queries.dismiss(channel, statuses, `dismissed from the command centre by ${who} at ${clock.now().toISOString()}`);
      logger.info({ channel, which, rows: n, by: who }, 'outbox rows dismissed from the command centre');
      return n;
    },
    start() {
      const c = calendar();
      if (!c.warning) logger.info({ lastHoliday: c.lastHoliday, daysLeft: c.daysLeft }, 'holiday calendar covers service levels');
      backups.start();
      alerts.start();
    },
    async stop() {
      alerts.stop();
      await backups.stop();
    },
  };
}
