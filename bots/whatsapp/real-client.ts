/**
 * The one place that constructs whatsapp-web.js's real `Client`.
 *
 * Why a separate file: everything else in bots/whatsapp works against the small
 * interface in client.ts, so tests never need a browser. This file fixes the
 * choices that matter on a city server: the session lives in LocalAuth under
 * data/ (a restart needs no new scan), Chromium is the system's own
 * (puppeteer's download is disabled in .puppeteerrc.cjs), and the browser runs
 * headless with the flags a container/VM needs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import wwebjs from 'whatsapp-web.js';
import type { WhatsAppClient, WhatsAppClientFactory } from './client.js';

const { Client, LocalAuth } = wwebjs;

/**
 * Chromium flags for a headless server.
 * --no-sandbox / --disable-setuid-sandbox: Chromium's sandbox needs user namespaces most containers lack (and root refuses it);
 * --disable-dev-shm-usage: Docker's 64 MB /dev/shm crashes tabs; --disable-gpu: no GPU;
 * the rest stop Chromium phoning home (updates, sync, field trials) — the only site it should reach is web.whatsapp.com.
 */
export const CHROMIUM_SERVER_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
];

/** Where Debian/Ubuntu's `apt-get install chromium` puts the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface RealClientConfig {
  /** LocalAuth data path; the browser profile ends up in `<sessionDir>/session`. */
  sessionDir: string;
  /** System Chromium/Chrome binary. */
  executablePath: string;
  /** Extra Chromium flags appended to CHROMIUM_SERVER_ARGS. */
  extraArgs?: readonly string[];
}

/**
 * Builds (does not start) a real whatsapp-web.js Client. Nothing is launched
 * until `initialize()`; tests inspect `client.options` to check the setup.
 */
export function createRealClient(config: RealClientConfig): InstanceType<typeof Client> {
  const sessionDir = path.resolve(config.sessionDir);
  return new Client({
    authStrategy: new LocalAuth({ dataPath: sessionDir }),
    puppeteer: {
      executablePath: config.executablePath,
      headless: true,
      args: [...CHROMIUM_SERVER_ARGS, ...(config.extraArgs ?? [])],
    },
    // The WhatsApp Web build is cached next to the session instead of ./.wwebjs_cache in the working directory.
    webVersionCache: { type: 'local', path: path.join(sessionDir, 'web-version-cache') },
    // Keep refreshing the QR until someone scans it (0 = no limit); the adapter reports it on health().
    qrMaxRetries: 0,
    // The city's number may also be open on a staff laptop; taking over would fight it all day.
    takeoverOnConflict: false,
  });
}

/**
 * The factory the channel uses in production. The cast is the only place the
 * library's overloaded EventEmitter typings meet our narrow interface; the
 * methods we call exist on `Client` with these signatures (see index.d.ts).
 */
export function realClientFactory(config: RealClientConfig): WhatsAppClientFactory {
  return () => {
    // Checked here, not left to puppeteer, so the log says what to do instead of a stack trace.
    if (!existsSync(config.executablePath)) {
      throw new Error(
        `Chromium not found at ${config.executablePath}: install it (apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH`,
      );
    }
    return createRealClient(config) as unknown as WhatsAppClient;
  };
}
