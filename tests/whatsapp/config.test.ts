import { describe, expect, it } from 'vitest';
import { whatsAppEnabled, whatsAppOptionsFromEnv } from '../../bots/whatsapp/config.js';

describe('WhatsApp settings from the environment', () => {
  it('WHATSAPP_ENABLED=true (or 1/yes/on) starts the channel; anything else leaves it off', () => {
    expect(whatsAppEnabled({ WHATSAPP_ENABLED: 'true' })).toBe(true);
    expect(whatsAppEnabled({ WHATSAPP_ENABLED: ' YES ' })).toBe(true);
    expect(whatsAppEnabled({ WHATSAPP_ENABLED: 'false' })).toBe(false);
    expect(whatsAppEnabled({})).toBe(false);
  });

  it('reads every variable into the options; unset ones are left to the defaults', () => {
    expect(whatsAppOptionsFromEnv({})).toEqual({});
    expect(
      whatsAppOptionsFromEnv({
        WHATSAPP_SESSION_DIR: '/var/lib/suarawarga/wa',
        PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium',
        WHATSAPP_MEDIA_DIR: '/var/lib/suarawarga/media',
        WHATSAPP_MAX_MEDIA_BYTES: '3000000',
        WHATSAPP_MIN_GAP_MS: '3000',
        WHATSAPP_JITTER_MS: '2000',
        WHATSAPP_READY_TIMEOUT_MS: '180000',
        WHATSAPP_RECONNECT_MIN_MS: '10000',
        WHATSAPP_RECONNECT_MAX_MS: '600000',
        WHATSAPP_CHROMIUM_ARGS: '--proxy-server=http://proxy:3128  --lang=id',
        WHATSAPP_PRINT_QR: 'false',
      }),
    ).toEqual({
      sessionDir: '/var/lib/suarawarga/wa',
      executablePath: '/usr/bin/chromium',
      mediaDir: '/var/lib/suarawarga/media',
      maxMediaBytes: 3_000_000,
      minGapMs: 3000,
      jitterMs: 2000,
      readyTimeoutMs: 180_000,
      reconnectMinMs: 10_000,
      reconnectMaxMs: 600_000,
      chromiumArgs: ['--proxy-server=http://proxy:3128', '--lang=id'],
      printQr: false,
    });
  });

  it('falls back to the app-wide MEDIA_DIR and MAX_MEDIA_BYTES shared with the other channels', () => {
    expect(whatsAppOptionsFromEnv({ MEDIA_DIR: '/srv/media', MAX_MEDIA_BYTES: '1000000' })).toEqual({ mediaDir: '/srv/media', maxMediaBytes: 1_000_000 });
    expect(whatsAppOptionsFromEnv({ MEDIA_DIR: '/srv/media', WHATSAPP_MEDIA_DIR: '/srv/wa' }).mediaDir).toBe('/srv/wa');
  });

  it('WHATSAPP_CHROMIUM_PATH overrides PUPPETEER_EXECUTABLE_PATH', () => {
    expect(whatsAppOptionsFromEnv({ WHATSAPP_CHROMIUM_PATH: '/a', PUPPETEER_EXECUTABLE_PATH: '/b' }).executablePath).toBe('/a');
  });

  it('a typo in a number fails at startup naming the variable, instead of sending without any gap', () => {
    expect(() => whatsAppOptionsFromEnv({ WHATSAPP_MIN_GAP_MS: '1,5s' })).toThrow(/WHATSAPP_MIN_GAP_MS must be a whole number ≥ 0 \(got "1,5s"\)/);
    expect(() => whatsAppOptionsFromEnv({ WHATSAPP_RECONNECT_MIN_MS: '9000', WHATSAPP_RECONNECT_MAX_MS: '1000' })).toThrow(/WHATSAPP_RECONNECT_MAX_MS must be ≥/);
  });
});
