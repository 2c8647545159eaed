/**
 * What the command centre uses of the service it runs in. The app
 * (app/build.ts) satisfies WebHost, so web/ never imports the composition
 * root; its data goes through web/ports.ts and the core's store ports.
 */
import type { PromptsService } from '../adapters/prompts/service.js';
import type { Metrics } from '../adapters/metrics/index.js';
import type { AreaDirectory } from '../core/config/area.js';
import type { OfflineClassifier } from '../core/nlu/offline.js';
import type { PrivacyRepo } from '../core/privacy/ports.js';
import type { Channel, ChannelHealth, Clock, Logger, Store } from '../core/ports.js';
import type { TicketService } from '../core/tickets/service.js';
import type { WebPorts } from './ports.js';

/** The settings the command centre reads (from the environment, app/config.ts). */
export interface WebSettings {
  HOST: string;
  PORT: number;
  COOKIE_SECURE: boolean;
  TRUST_PROXY: boolean;
  MAP_TILE_URL: string;
  METRICS_TOKEN: string;
  MEDIA_DIR: string;
}

/** One readiness check: what was checked, whether it passed, and what is wrong. */
export interface ReadyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ok: boolean;
  checks: ReadyCheck[];
  /** Worth a look, but the service works (backups late, calendar running out, failed deliveries). */
  warnings: string[];
  /** The same warnings in Indonesian, for the command centre. */
  warningsId: string[];
}

/** Outbox rows of one channel that are not delivered, with why and what an admin may do. */
export interface ChannelBacklog {
  channel: string;
  name: string;
  state: 'off' | 'down' | 'on';
  pending: number;
  failed: number;
  uncertain: number;
  oldest: string;
  /** "Telegram belum diaktifkan: 24 kartu menunggu" (Indonesian, for the command centre). */
  reason: string;
  canResend: boolean;
}

export interface BackupStatus {
  /** The last good backup (this run or found on disk). */
  last?: { file: string; at: Date; bytes: number };
  failures: number;
  lastError?: { at: string; message: string };
  running: boolean;
  /** When the next scheduled backup runs (undefined: scheduling is off). */
  nextAt?: Date;
}

/** Running the service, as the command centre shows and acts on it (/readyz, the Operasional page). */
export interface OperationsView {
  readiness(): Promise<Readiness>;
  backlog(): Promise<ChannelBacklog[]>;
  backupStatus(): BackupStatus;
  /** Failed and uncertain rows of a connected channel go out again. */
  resend(channel: string, who: string): Promise<number>;
  /** Gives up undelivered rows of a channel (waiting ones, or failed/uncertain ones). */
  dismiss(channel: string, which: 'waiting' | 'problems', who: string): Promise<number>;
}

export interface WebHost {
  readonly config: WebSettings;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Store & { readonly privacy: PrivacyRepo };
  readonly areas: AreaDirectory;
  readonly prompts: PromptsService;
  readonly tickets: Pick<TicketService, 'act'>;
  /** The outbox worker: kick() sends what an action queued without waiting for the next poll. */
  readonly worker: { kick(): void };
  readonly channels: ReadonlyMap<string, Channel>;
  readonly metrics: Pick<Metrics, 'contentType' | 'render'>;
  /** The command centre's data ports (accounts, board queries, live events). */
  readonly web: WebPorts;
  offline(): OfflineClassifier;
  health(): ChannelHealth[];
  /** Created on first use; the metric sources are connected then. */
  operations(): OperationsView;
  /** Deletes photo files inside MEDIA_DIR (a privacy erasure); paths outside it are logged and left. */
  removeMedia(paths: string[]): void;
}
