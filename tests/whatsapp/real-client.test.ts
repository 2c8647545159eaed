/**
 * The real whatsapp-web.js Client is built (never launched) and inspected:
 * LocalAuth under our session dir, the system Chromium, server flags — and
 * puppeteer must never download a browser of its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wwebjs from 'whatsapp-web.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_SERVER_ARGS, createRealClient, realClientFactory } from '../../bots/whatsapp/real-client.js';
import { createWhatsAppChannel } from '../../bots/whatsapp/index.js';
import { ManualTimers, RecordingLogger, settle } from './fakes.js';

const { Client, LocalAuth } = wwebjs;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface InspectableClient {
  options: { authStrategy: unknown; puppeteer: { executablePath?: string; headless?: unknown; args?: string[] }; webVersionCache: { type: string; path?: string } };
  pupBrowser: unknown;
  pupPage: unknown;
}

describe('the real whatsapp-web.js client', () => {
  it('is a real Client using LocalAuth in the session dir, the system Chromium, headless, with the server flags — and nothing launched', () => {
    const client = createRealClient({ sessionDir: 'data/whatsapp-session', executablePath: '/usr/bin/chromium', extraArgs: ['--proxy-server=http://10.0.0.1:3128'] });
    expect(client).toBeInstanceOf(Client);

    const inspect = client as unknown as InspectableClient;
    const auth = inspect.options.authStrategy as InstanceType<typeof LocalAuth>;
    expect(auth).toBeInstanceOf(LocalAuth);
    expect(auth.dataPath).toBe(path.resolve('data/whatsapp-session'));

    const pup = inspect.options.puppeteer;
    expect(pup.executablePath).toBe('/usr/bin/chromium');
    expect(pup.headless).toBe(true);
    for (const flag of ['--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']) {
      expect(pup.args).toContain(flag);
    }
    expect(pup.args).toContain('--proxy-server=http://10.0.0.1:3128');
    expect(pup.args!.slice(0, CHROMIUM_SERVER_ARGS.length)).toEqual(CHROMIUM_SERVER_ARGS);
    // The WhatsApp Web build cache lives with the session, not in the working directory.
    expect(inspect.options.webVersionCache).toEqual({ type: 'local', path: path.resolve('data/whatsapp-session/web-version-cache') });
    // Constructing does not start a browser: only initialize() would.
    expect(inspect.pupBrowser).toBeNull();
    expect(inspect.pupPage).toBeNull();
  });

  it('the factory refuses to build when Chromium is missing, saying how to install it', () => {
    const factory = realClientFactory({ sessionDir: 'data/whatsapp-session', executablePath: '/nonexistent/chromium' });
    expect(() => factory()).toThrow(/Chromium not found at \/nonexistent\/chromium: install it \(apt-get install chromium\) or set PUPPETEER_EXECUTABLE_PATH/);
  });

  it('a channel with the real factory and no Chromium logs the fix and retries instead of crashing', async () => {
    const logger = new RecordingLogger();
    const timers = new ManualTimers();
    const channel = createWhatsAppChannel(
      { executablePath: '/nonexistent/chromium', sessionDir: 'data/test-never-created', printQr: false },
      { logger, timers, clock: timers.clock },
    );
    await channel.start(async () => {});
    await settle();
    expect(logger.messages('error').some((m) => m.includes('Chromium not found at /nonexistent/chromium'))).toBe(true);
    expect(channel.health()).toMatchObject({ connected: false, details: { state: 'reconnecting' } });
    expect(existsSync(path.resolve('data/test-never-created'))).toBe(false);
    await channel.stop();
  });

  describe('executable path default', () => {
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    afterEach(() => {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
    });

    it('comes from PUPPETEER_EXECUTABLE_PATH, else Debian’s /usr/bin/chromium; an explicit option wins', () => {
      const logger = new RecordingLogger();
      process.env.PUPPETEER_EXECUTABLE_PATH = '/snap/bin/chromium';
      expect(createWhatsAppChannel({}, { logger }).options.executablePath).toBe('/snap/bin/chromium');
      expect(createWhatsAppChannel({ executablePath: '/opt/chrome/chrome' }, { logger }).options.executablePath).toBe('/opt/chrome/chrome');
      delete process.env.PUPPETEER_EXECUTABLE_PATH;
      const defaults = createWhatsAppChannel({}, { logger }).options;
      expect(defaults).toMatchObject({
        executablePath: '/usr/bin/chromium',
        sessionDir: path.join('data', 'whatsapp-session'),
        mediaDir: path.join('data', 'media'),
        maxMediaBytes: 5 * 1024 * 1024,
      });
    });
  });
});

describe('puppeteer never downloads a browser', () => {
  it('puppeteer’s own configuration loader, run from the repo with a clean environment, resolves skipDownload', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PUPPETEER_')));
    const out = execFileSync(
      process.execPath,
      ['-e', "const {getConfiguration}=require('puppeteer/internal/getConfiguration.js');const c=getConfiguration();console.log(JSON.stringify({skip:c.skipDownload,chrome:c.chrome,shell:c['chrome-headless-shell'],cache:c.cacheDirectory}))"],
      { cwd: repoRoot, env, encoding: 'utf8' },
    );
    const config = JSON.parse(out) as { skip: boolean; chrome: { skipDownload: boolean }; shell: { skipDownload: boolean }; cache: string };
    expect(config.skip).toBe(true);
    expect(config.chrome.skipDownload).toBe(true);
    expect(config.shell.skipDownload).toBe(true);
  });

  it('puppeteer’s postinstall script, as npm install runs it, skips the browser and leaves its cache empty', () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'sw-pptr-cache-'));
    try {
      const env = {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PUPPETEER_') && !/^npm_config_loglevel$/i.test(k))),
        PUPPETEER_CACHE_DIR: cache,
        // Should the skip ever break, fail fast instead of downloading 150 MB in a test.
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
      };
      const out = execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'puppeteer', 'install.mjs')], {
        cwd: repoRoot,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out).toContain('Skipping downloading browsers as instructed');
      expect(readdirSync(cache)).toEqual([]);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('package.json denies puppeteer’s install script (allowScripts), and no browser sits in puppeteer’s cache', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    expect(pkg.allowScripts?.puppeteer).toBe(false);

    const cacheDir = process.env.PUPPETEER_CACHE_DIR ?? path.join(process.env.HOME ?? '', '.cache', 'puppeteer');
    const browsers = existsSync(cacheDir) ? readdirSync(cacheDir).filter((d) => /chrom|firefox/i.test(d)) : [];
    expect(browsers).toEqual([]);
    expect(existsSync(path.join(repoRoot, 'node_modules', 'puppeteer', '.local-chromium'))).toBe(false);
  });
});
