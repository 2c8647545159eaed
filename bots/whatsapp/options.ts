/** The WhatsApp QR pilot's options and their defaults (WHATSAPP_DEFAULTS). */
import { DEFAULT_CHROMIUM_PATH } from './real-client.js';
import { WHATSAPP_DEFAULTS } from './pilot-settings.js';
import type { WhatsAppClientFactory } from './client.js';

export interface WhatsAppOptions {
  /** LocalAuth data path (the linked session). Default data/whatsapp-session. */
  sessionDir?: string;
  /** System Chromium. Default PUPPETEER_EXECUTABLE_PATH, else /usr/bin/chromium. */
  executablePath?: string;
  /** Extra Chromium flags (e.g. a proxy) on top of CHROMIUM_SERVER_ARGS. */
  chromiumArgs?: string[];
  /** Where citizens' photos are written. Default data/media. */
  mediaDir?: string;
  /** Largest photo accepted, in bytes. Default 5 MB. */
  maxMediaBytes?: number;
  /** Minimum pause between two sent messages. Default 1500 ms. */
  minGapMs?: number;
  /** Random extra pause, 0..jitterMs, added to every gap. Default 1500 ms. */
  jitterMs?: number;
  /** How long WhatsApp Web may take to become ready (not counting time waiting for a QR scan). Default 120 s. */
  readyTimeoutMs?: number;
  /** First reconnect delay; doubles on every consecutive failure. Default 5 s. */
  reconnectMinMs?: number;
  /** Reconnect delay ceiling. Default 5 min. */
  reconnectMaxMs?: number;
  /** How long to wait for an old browser to close before giving up on it. Default 15 s. */
  destroyTimeoutMs?: number;
  /** Shows the login QR; default prints it in the terminal with qrcode-terminal. false disables. */
  printQr?: ((qr: string) => void) | false;
  /** Builds the client; tests pass a fake. Default: a real whatsapp-web.js Client (real-client.ts). */
  clientFactory?: WhatsAppClientFactory;
}

export type ResolvedWhatsAppOptions = Required<Omit<WhatsAppOptions, 'clientFactory' | 'printQr' | 'chromiumArgs'>> &
  Pick<WhatsAppOptions, 'chromiumArgs'>;

/** The options with every default filled in (Chromium from PUPPETEER_EXECUTABLE_PATH when not given). */
export function resolveOptions(options: WhatsAppOptions): ResolvedWhatsAppOptions {
  const opts: ResolvedWhatsAppOptions = {
    sessionDir: options.sessionDir ?? WHATSAPP_DEFAULTS.sessionDir,
    executablePath: options.executablePath || process.env.PUPPETEER_EXECUTABLE_PATH || DEFAULT_CHROMIUM_PATH,
    mediaDir: options.mediaDir ?? WHATSAPP_DEFAULTS.mediaDir,
    maxMediaBytes: options.maxMediaBytes ?? WHATSAPP_DEFAULTS.maxMediaBytes,
    minGapMs: options.minGapMs ?? WHATSAPP_DEFAULTS.minGapMs,
    jitterMs: options.jitterMs ?? WHATSAPP_DEFAULTS.jitterMs,
    readyTimeoutMs: options.readyTimeoutMs ?? WHATSAPP_DEFAULTS.readyTimeoutMs,
    reconnectMinMs: options.reconnectMinMs ?? WHATSAPP_DEFAULTS.reconnectMinMs,
    reconnectMaxMs: options.reconnectMaxMs ?? WHATSAPP_DEFAULTS.reconnectMaxMs,
    destroyTimeoutMs: options.destroyTimeoutMs ?? WHATSAPP_DEFAULTS.destroyTimeoutMs,
  };
  if (options.chromiumArgs) opts.chromiumArgs = options.chromiumArgs;
  return opts;
}
