/**
 * Reading the WhatsApp settings from environment variables.
 *
 * Why here: the variable names and their meaning are documented next to the
 * adapter (docs/whatsapp.md); the composition root may call this or map its own
 * zod-parsed config onto WhatsAppOptions. Bad values fail loudly at startup,
 * naming the variable, instead of becoming NaN gaps that send as fast as possible.
 */
import type { WhatsAppOptions } from './index.js';

export type Env = Record<string, string | undefined>;

/** WHATSAPP_ENABLED=true|1|yes|on starts the channel. */
export function whatsAppEnabled(env: Env = process.env): boolean {
  return /^(true|1|yes|on)$/i.test((env.WHATSAPP_ENABLED ?? '').trim());
}

function int(env: Env, name: string, min: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}"); see docs/whatsapp.md`);
  }
  return value;
}

function str(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** Options from WHATSAPP_* variables (and PUPPETEER_EXECUTABLE_PATH); unset ones take the adapter's defaults. */
export function whatsAppOptionsFromEnv(env: Env = process.env): WhatsAppOptions {
  const options: WhatsAppOptions = {};
  const set = <K extends keyof WhatsAppOptions>(key: K, value: WhatsAppOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('sessionDir', str(env, 'WHATSAPP_SESSION_DIR'));
  set('executablePath', str(env, 'WHATSAPP_CHROMIUM_PATH') ?? str(env, 'PUPPETEER_EXECUTABLE_PATH'));
  // The app shares MEDIA_DIR / MAX_MEDIA_BYTES between channels (app/config.ts); WHATSAPP_* overrides them.
  set('mediaDir', str(env, 'WHATSAPP_MEDIA_DIR') ?? str(env, 'MEDIA_DIR'));
  set('maxMediaBytes', int(env, 'WHATSAPP_MAX_MEDIA_BYTES', 1) ?? int(env, 'MAX_MEDIA_BYTES', 1));
  set('minGapMs', int(env, 'WHATSAPP_MIN_GAP_MS', 0));
  set('jitterMs', int(env, 'WHATSAPP_JITTER_MS', 0));
  set('readyTimeoutMs', int(env, 'WHATSAPP_READY_TIMEOUT_MS', 1000));
  set('reconnectMinMs', int(env, 'WHATSAPP_RECONNECT_MIN_MS', 100));
  set('reconnectMaxMs', int(env, 'WHATSAPP_RECONNECT_MAX_MS', 100));
  const extra = str(env, 'WHATSAPP_CHROMIUM_ARGS');
  if (extra) options.chromiumArgs = extra.split(/\s+/);
  if (/^(false|0|no|off)$/i.test(env.WHATSAPP_PRINT_QR ?? '')) options.printQr = false;
  if (options.reconnectMinMs !== undefined && options.reconnectMaxMs !== undefined && options.reconnectMaxMs < options.reconnectMinMs) {
    throw new Error('WHATSAPP_RECONNECT_MAX_MS must be ≥ WHATSAPP_RECONNECT_MIN_MS');
  }
  return options;
}
