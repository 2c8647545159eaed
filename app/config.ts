/**
 * Process configuration from environment variables, parsed once at start-up.
 * A wrong value stops start-up with the variable's name and what is expected;
 * .env.example documents every variable.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** An optional secret or id: empty means unset. */
const optionalText = (schema: z.ZodString) => schema.optional().or(z.literal('').transform(() => undefined));

/** The four variables that together turn on the WhatsApp Business Cloud API channel. */
export const WHATSAPP_CLOUD_VARS = [
  'WHATSAPP_CLOUD_PHONE_NUMBER_ID', 'WHATSAPP_CLOUD_ACCESS_TOKEN', 'WHATSAPP_CLOUD_APP_SECRET', 'WHATSAPP_CLOUD_VERIFY_TOKEN',
] as const;

/** The path the service serves Telegram's webhook on (web/routes/telegram-webhook.ts); the public URL must end with it. */
export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
/** Telegram posts webhooks only over HTTPS and only to these ports (core.telegram.org/bots/webhooks). */
const TELEGRAM_WEBHOOK_PORTS = ['', '443', '80', '88', '8443'];
const WEBHOOK_URL_EXAMPLE = `e.g. https://lapor.kota.go.id${TELEGRAM_WEBHOOK_PATH}`;

/** Why a TELEGRAM_WEBHOOK_URL cannot work, or undefined when it can. */
function telegramWebhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not a URL; use the public address Telegram posts to, ${WEBHOOK_URL_EXAMPLE}`;
  }
  if (url.protocol !== 'https:') return `Telegram posts webhooks only over HTTPS: use https://, ${WEBHOOK_URL_EXAMPLE} (nginx or Caddy terminate TLS in front of the service)`;
  if (!TELEGRAM_WEBHOOK_PORTS.includes(url.port)) return `Telegram posts webhooks only to ports 443, 80, 88 or 8443, not ${url.port}; put nginx or Caddy on 443 in front of the service, ${WEBHOOK_URL_EXAMPLE}`;
  if (!url.pathname.endsWith(TELEGRAM_WEBHOOK_PATH) || url.search || url.hash) return `the path must end with ${TELEGRAM_WEBHOOK_PATH} (where the service listens), without ? or #, ${WEBHOOK_URL_EXAMPLE}`;
  return undefined;
}

export const envSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_PATH: z.string().min(1).default('data/suarawarga.db'),
  /** postgres://user:password@host:5432/db — when set, PostgreSQL instead of the SQLite file (several instances). */
  DATABASE_URL: z.string().optional().transform((v) => (v ? v : undefined)).refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    { message: 'DATABASE_URL must start with postgres:// or postgresql:// (e.g. postgres://suarawarga:secret@127.0.0.1:5432/suarawarga); leave it empty for the embedded SQLite file at DATABASE_PATH' },
  ),
  PROMPTS_DIR: z.string().min(1).default('prompts'),
  MEDIA_DIR: z.string().min(1).default('data/media'),
  MAX_MEDIA_BYTES: int(10_000, 50_000_000).default(5_242_880),
  DRAFT_TIMEOUT_MINUTES: int(1, 10_080).default(120),
  PROMPTS_WATCH: bool.default(true),
  /** Several instances (PostgreSQL): how often each looks for a prompts version another instance stored. */
  PROMPTS_SYNC_MS: int(200, 3_600_000).default(5_000),
  /** Several instances (PostgreSQL): how often an instance checks or tries to take the leader lock. */
  LEADER_CHECK_MS: int(200, 600_000).default(5_000),

  CLASSIFIER: z.enum(['offline', 'hybrid', 'llm']).default('offline'),
  OPENAI_API_KEY: z.string().default(''),
  OPENAI_BASE_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: int(500, 60_000).default(4_000),
  OPENAI_MAX_RETRIES: int(0, 5).default(1),

  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'a BotFather token like 123456:ABC-DEF…').optional().or(z.literal('').transform(() => undefined)),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_ADMIN_IDS: z.string().default('').transform((s, ctx) => {
    const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
    for (const id of ids) if (!/^-?\d+$/.test(id)) ctx.addIssue({ code: 'custom', message: `"${id}" is not a numeric Telegram user id` });
    return ids;
  }),
  TELEGRAM_MAX_PHOTO_BYTES: int(10_000, 20_000_000).default(5_242_880),
  /** Set: Telegram posts updates to this URL (several instances can serve it); empty: long polling (one instance). */
  TELEGRAM_WEBHOOK_URL: optionalText(z.string().superRefine((value, ctx) => {
    const problem = telegramWebhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })),
  TELEGRAM_WEBHOOK_SECRET: optionalText(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/,
    '1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram\'s rule for secret_token), e.g. the output of: openssl rand -hex 32')),

  WHATSAPP_ENABLED: bool.default(false),
  WHATSAPP_SESSION_DIR: z.string().min(1).default('data/whatsapp-session'),
  PUPPETEER_EXECUTABLE_PATH: z.string().min(1).default('/usr/bin/chromium'),
  WHATSAPP_MIN_GAP_MS: int(0, 60_000).default(1_500),
  WHATSAPP_JITTER_MS: int(0, 60_000).default(1_500),
  WHATSAPP_READY_TIMEOUT_MS: int(10_000, 1_800_000).default(120_000),
  WHATSAPP_RECONNECT_MIN_MS: int(100, 600_000).default(5_000),
  WHATSAPP_RECONNECT_MAX_MS: int(100, 3_600_000).default(300_000),
  WHATSAPP_CHROMIUM_ARGS: z.string().default('').transform((s) => s.split(/\s+/).filter(Boolean)),
  WHATSAPP_PRINT_QR: bool.default(true),

  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalText(z.string().regex(/^\d{5,30}$/, 'the numeric "Phone number ID" from Meta\'s WhatsApp → API Setup page (not the phone number itself)')),
  WHATSAPP_CLOUD_ACCESS_TOKEN: optionalText(z.string().regex(/^\S{20,}$/, 'a permanent system-user access token (long, no spaces)')),
  WHATSAPP_CLOUD_APP_SECRET: optionalText(z.string().regex(/^[0-9a-fA-F]{16,128}$/, 'the app secret from Meta\'s App settings → Basic (hexadecimal)')),
  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalText(z.string().min(8, 'a random string of at least 8 characters that you also type into Meta\'s webhook settings')),
  WHATSAPP_GRAPH_URL: z.url().default('https://graph.facebook.com').transform((u) => u.replace(/\/+$/, '')),
  WHATSAPP_GRAPH_VERSION: z.string().regex(/^v\d{1,3}\.\d$/, 'a Graph API version such as v24.0').default('v24.0'),
  WHATSAPP_CLOUD_MESSAGES_PER_SECOND: int(1, 1_000).default(80),
  WHATSAPP_CLOUD_TIMEOUT_MS: int(1_000, 120_000).default(15_000),

  WEB_ENABLED: bool.default(true),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65_535).default(3000),
  COOKIE_SECURE: bool.default(false),
  /** Behind a reverse proxy: trust X-Forwarded-Host/-Proto/-For for the origin check, Secure cookies and client addresses. */
  TRUST_PROXY: bool.default(false),
  MAP_TILE_URL: z.string().default(''),

  OUTBOX_MAX_ATTEMPTS: int(1, 100).default(12),
  OUTBOX_POLL_MS: int(50, 60_000).default(1_000),
  SLA_CHECK_INTERVAL_MS: int(1_000, 3_600_000).default(60_000),

  /** Days after closing that a ticket keeps its texts and photos; 0 keeps them forever. */
  RETENTION_DAYS: int(0, 36_500).default(0),
  /** Messages one sender may send per minute; the rest are recorded but not processed. */
  FLOOD_MAX_PER_MINUTE: int(1, 1_000).default(40),
  // Operations (docs/operations.md).
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  BACKUP_DIR: z.string().min(1).default('data/backups'),
  BACKUP_EVERY_HOURS: int(0, 8_760).default(24),
  BACKUP_KEEP: int(1, 10_000).default(14),
  METRICS_TOKEN: z.string().default('').refine((s) => s === '' || s.length >= 16, 'at least 16 characters (e.g. openssl rand -hex 24), or empty for loopback-only'),
  ALERT_CHANNEL_DOWN_MINUTES: int(1, 10_080).default(10),
  DISK_MIN_FREE_MB: int(0, 1_000_000).default(200),
  PUBLIC_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every wrong variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) {
    if (parsed.data.CLASSIFIER !== 'offline' && !parsed.data.OPENAI_API_KEY && !parsed.data.OPENAI_BASE_URL) {
      throw new ConfigError(`CLASSIFIER=${parsed.data.CLASSIFIER} needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama); set them in .env or use CLASSIFIER=offline`);
    }
    checkWhatsAppMode(parsed.data);
    checkTelegramWebhook(parsed.data);
    return parsed.data;
  }
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? '?');
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
  });
  throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
}

/** Which WhatsApp path is on: the QR pilot (whatsapp-web.js), the Business Cloud API, or neither. */
export function whatsappMode(config: AppConfig): 'pilot' | 'cloud' | 'off' {
  if (WHATSAPP_CLOUD_VARS.every((v) => config[v])) return 'cloud';
  return config.WHATSAPP_ENABLED ? 'pilot' : 'off';
}

/** How the Telegram bot receives updates: Telegram posts them to TELEGRAM_WEBHOOK_URL, the service polls, or the bot is off. */
export function telegramMode(config: AppConfig): 'webhook' | 'polling' | 'off' {
  if (!config.TELEGRAM_BOT_TOKEN) return 'off';
  return config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'polling';
}

/** A webhook URL needs the bot's token and a secret, or forged posts could not be told from Telegram's. */
function checkTelegramWebhook(config: AppConfig): void {
  if (!config.TELEGRAM_WEBHOOK_URL) return;
  if (!config.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError('TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: set the token from @BotFather, or clear TELEGRAM_WEBHOOK_URL (see README "Telegram")');
  }
  if (!config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: Telegram sends the secret with every post so the service can refuse forged updates. '
      + 'Set TELEGRAM_WEBHOOK_SECRET to 1 to 256 characters of A-Z, a-z, 0-9, _ and - (e.g. openssl rand -hex 32), the same on every instance, '
      + 'or clear TELEGRAM_WEBHOOK_URL to use long polling (see README "Telegram", webhook mode)');
  }
}

/** Half a Cloud API setup, or both modes on one number, is refused with the fix. */
function checkWhatsAppMode(config: AppConfig): void {
  const set = WHATSAPP_CLOUD_VARS.filter((v) => config[v]);
  if (set.length > 0 && set.length < WHATSAPP_CLOUD_VARS.length) {
    const missing = WHATSAPP_CLOUD_VARS.filter((v) => !config[v]);
    throw new ConfigError(`The WhatsApp Business Cloud API needs all four of ${WHATSAPP_CLOUD_VARS.join(', ')}; missing: ${missing.join(', ')}. Set them (see docs/whatsapp-cloud.md) or clear ${set.join(', ')} to leave the Cloud API off`);
  }
  if (set.length === WHATSAPP_CLOUD_VARS.length && config.WHATSAPP_ENABLED) {
    throw new ConfigError('WHATSAPP_ENABLED=true (the QR pilot) and the WHATSAPP_CLOUD_* variables (the Cloud API) are both set, but one number runs in one mode at a time: set WHATSAPP_ENABLED=false to use the Cloud API, or clear the WHATSAPP_CLOUD_* variables to keep the pilot');
  }
}
