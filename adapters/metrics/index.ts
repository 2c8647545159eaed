/**
 * The one wrapper around prom-client: every figure /metrics shows, in the
 * Prometheus text format. Business figures (messages, tickets, outbox) are
 * read from the database at scrape time, so they are right after a restart
 * and agree with the command centre; latencies are observed in-process.
 * Each app gets its own registry (tests build many apps in one process).
 */
import client from 'prom-client';
import type { ChannelHealth, Classifier } from '../../core/ports.js';

/** Where the figures come from (app/operations.ts wires the store, channels and backups in). */
export interface MetricsSources {
  ticketsByStateAgency(): Promise<{ state: string; agency: string; n: number }[]>;
  ticketsByCategory(): Promise<{ category: string; n: number }[]>;
  inboundByChannel(): Promise<{ channel: string; n: number }[]>;
  repliesByChannel(): Promise<{ channel: string; n: number }[]>;
  outboxByStatusChannel(): Promise<{ status: string; channel: string; n: number }[]>;
  /** Deliveries recorded after `cursor` (sent_at, ISO), oldest first. */
  sentSince(cursor: string, limit: number): Promise<{ channel: string; createdAt: string; sentAt: string }[]>;
  latestSentAt(): Promise<string | null>;
  channels(): ChannelHealth[];
  overdueByAgency(): Promise<{ agency: string; n: number }[]>;
  lastBackup(): { at: Date; bytes: number } | undefined;
  backupFailures(): number;
  /** Days until the last holiday in prompts/city.yaml (undefined: none listed). */
  holidayDaysLeft(): number | undefined;
  now(): Date;
}

export interface Metrics {
  readonly contentType: string;
  /** Wraps a classifier so each call's duration is observed (label: offline, llm, …). */
  timeClassifier(classifier: Classifier): Classifier;
  /** Connects the figures read at scrape time; call once the app is built. */
  attach(sources: MetricsSources): void;
  /** The text for GET /metrics. */
  render(): Promise<string>;
}

const P = 'suarawarga_';
const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  let src: MetricsSources | undefined;
  const registers = [registry];

  /** A counter whose value is a count kept in the database. */
  function dbCounter(name: string, help: string, label: string, read: (s: MetricsSources) => Promise<{ n: number; [k: string]: unknown }[]>): void {
    new client.Counter({
      name: P + name, help, labelNames: [label], registers,
      async collect() {
        if (!src) return;
        const rows = await read(src);
        this.reset();
        for (const r of rows) this.inc({ [label]: String(r[label]) }, r.n);
      },
    });
  }

  dbCounter('inbound_messages_total', 'Messages received, by channel (telegram-desk: staff replies relayed from the desk groups)', 'channel', (s) => s.inboundByChannel());
  dbCounter('replies_sent_total', 'Messages delivered to citizens, by channel', 'channel', (s) => s.repliesByChannel());
  dbCounter('tickets_filed_total', 'Tickets filed, by category', 'category', (s) => s.ticketsByCategory());

  new client.Gauge({
    name: `${P}tickets`, help: 'Tickets by state and agency', labelNames: ['state', 'agency'], registers,
    async collect() {
      this.reset();
      for (const r of (await src?.ticketsByStateAgency()) ?? []) this.set({ state: r.state, agency: r.agency }, r.n);
    },
  });
  new client.Gauge({
    name: `${P}outbox_rows`, help: 'Outbox rows by status (pending, sending, sent, failed, skipped, uncertain) and channel', labelNames: ['status', 'channel'], registers,
    async collect() {
      this.reset();
      for (const r of (await src?.outboxByStatusChannel()) ?? []) this.set({ status: r.status, channel: r.channel }, r.n);
    },
  });
  new client.Gauge({
    name: `${P}channel_connected`, help: '1 when an enabled channel is connected, 0 when it is down', labelNames: ['channel'], registers,
    collect() {
      this.reset();
      for (const h of src?.channels() ?? []) if (h.enabled) this.set({ channel: h.channel }, h.connected ? 1 : 0);
    },
  });
  new client.Gauge({
    name: `${P}sla_overdue_tickets`, help: 'Open tickets past their service-level deadline, by agency', labelNames: ['agency'], registers,
    async collect() {
      this.reset();
      for (const r of (await src?.overdueByAgency()) ?? []) this.set({ agency: r.agency }, r.n);
    },
  });
  let cursor: string | undefined;
  let cursorRead: Promise<void> = Promise.resolve();
  new client.Histogram({
    name: `${P}delivery_latency_seconds`, help: 'From a status change to its message delivered, by channel', labelNames: ['channel'], buckets: LATENCY_BUCKETS, registers,
    async collect() {
      await cursorRead;
      if (!src || cursor === undefined) return;
      // Deliveries recorded since the previous scrape are observed now (one indexed read per scrape).
      for (;;) {
        const rows = await src.sentSince(cursor, 5000);
        for (const r of rows) this.observe({ channel: r.channel }, Math.max(0, (Date.parse(r.sentAt) - Date.parse(r.createdAt)) / 1000));
        if (rows.length) cursor = rows[rows.length - 1]!.sentAt;
        if (rows.length < 5000) break;
      }
    },
  });
  new client.Gauge({
    name: `${P}last_backup_age_seconds`, help: 'Seconds since the last good backup (absent when there is none)', registers,
    collect() {
      this.reset();
      const b = src?.lastBackup();
      if (b && src) this.set(Math.max(0, (src.now().getTime() - b.at.getTime()) / 1000));
    },
  });
  new client.Gauge({
    name: `${P}last_backup_timestamp_seconds`, help: 'Unix time of the last good backup', registers,
    collect() {
      this.reset();
      const b = src?.lastBackup();
      if (b) this.set(b.at.getTime() / 1000);
    },
  });
  new client.Gauge({
    name: `${P}last_backup_size_bytes`, help: 'Size of the last good backup of the database', registers,
    collect() {
      this.reset();
      const b = src?.lastBackup();
      if (b) this.set(b.bytes);
    },
  });
  new client.Counter({
    name: `${P}backup_failures_total`, help: 'Scheduled backups that failed since the service started', registers,
    collect() {
      this.reset();
      this.inc(src?.backupFailures() ?? 0);
    },
  });
  new client.Gauge({
    name: `${P}holiday_calendar_days_left`, help: 'Days until the last holiday listed in prompts/city.yaml (add next year before it reaches 0)', registers,
    collect() {
      this.reset();
      const d = src?.holidayDaysLeft();
      if (d !== undefined) this.set(d);
    },
  });
  const classifierLatency = new client.Histogram({
    name: `${P}classifier_latency_seconds`, help: 'Time to classify one citizen message, by the classifier that answered', labelNames: ['source'],
    buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 1, 2, 4, 8], registers,
  });

  return {
    contentType: registry.contentType,
    timeClassifier(classifier) {
      return {
        async classify(text) {
          const started = performance.now();
          let source = 'error';
          try {
            const result = await classifier.classify(text);
            source = result.source;
            return result;
          } finally {
            classifierLatency.observe({ source }, (performance.now() - started) / 1000);
          }
        },
      };
    },
    attach(sources) {
      src = sources;
      // Deliveries from now on are observed; older ones are history (already in the outbox counts).
      cursorRead = sources.latestSentAt().then((c) => { cursor = c ?? ''; }, () => { cursor = ''; });
    },
    render: () => registry.metrics(),
  };
}
