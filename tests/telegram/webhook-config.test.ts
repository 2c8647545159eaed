/**
 * TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET at start-up: long polling
 * without them, webhook mode with both, and every wrong value refused with the fix.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, telegramMode } from '../../app/config.js';
import { TOKEN } from './harness.js';

const WEBHOOK_URL = 'https://lapor.kota.go.id/webhooks/telegram';
const WEBHOOK_SECRET = 'rahasia_Webhook-0123456789abcdef';

const WEBHOOK = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET };

describe('how Telegram updates arrive', () => {
  it.each([
    ['no token', {}, 'off'],
    ['a token only', { TELEGRAM_BOT_TOKEN: TOKEN }, 'polling'],
    ['a token and empty webhook variables', { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: '', TELEGRAM_WEBHOOK_SECRET: '' }, 'polling'],
    ['a token, the webhook URL and its secret', WEBHOOK, 'webhook'],
    ['a URL on port 8443 under a sub-path', { ...WEBHOOK, TELEGRAM_WEBHOOK_URL: 'https://kota.go.id:8443/lapor/webhooks/telegram' }, 'webhook'],
    ['a secret of one character (Telegram allows it)', { ...WEBHOOK, TELEGRAM_WEBHOOK_SECRET: 'x' }, 'webhook'],
    ['a secret of 256 characters', { ...WEBHOOK, TELEGRAM_WEBHOOK_SECRET: 'a_-9'.repeat(64) }, 'webhook'],
  ])('%s → %s', (_, env, mode) => {
    expect(telegramMode(loadConfig(env))).toBe(mode);
  });

  it.each([
    ['a URL without its secret', { ...WEBHOOK, TELEGRAM_WEBHOOK_SECRET: '' }, /TELEGRAM_WEBHOOK_SECRET is not.*openssl rand -hex 32.*same on every instance.*or clear TELEGRAM_WEBHOOK_URL/],
    ['a URL without a bot token', { ...WEBHOOK, TELEGRAM_BOT_TOKEN: '' }, /TELEGRAM_BOT_TOKEN is not: set the token from @BotFather/],
    ['plain http', { ...WEBHOOK, TELEGRAM_WEBHOOK_URL: 'http://lapor.kota.go.id/webhooks/telegram' }, /TELEGRAM_WEBHOOK_URL=.*only over HTTPS/],
    ['the service port', { ...WEBHOOK, TELEGRAM_WEBHOOK_URL: 'https://lapor.kota.go.id:3000/webhooks/telegram' }, /ports 443, 80, 88 or 8443, not 3000/],
    ['another path', { ...WEBHOOK, TELEGRAM_WEBHOOK_URL: 'https://lapor.kota.go.id/telegram' }, /must end with \/webhooks\/telegram/],
    ['a trailing slash', { ...WEBHOOK, TELEGRAM_WEBHOOK_URL: 'https://lapor.kota.go.id/webhooks/telegram/' }, /must end with \/webhooks\/telegram/],
    ['a query string', { ...WEBHOOK, TELEGRAM_WEBHOOK_URL: 'https://lapor.kota.go.id/webhooks/telegram?k=1' }, /without \? or #/],
    ['not a URL', { ...WEBHOOK, TELEGRAM_WEBHOOK_URL: 'lapor.kota.go.id/webhooks/telegram' }, /not a URL.*https:\/\/lapor\.kota\.go\.id\/webhooks\/telegram/],
    ['a secret with a space', { ...WEBHOOK, TELEGRAM_WEBHOOK_SECRET: 'rahasia kota' }, /TELEGRAM_WEBHOOK_SECRET=.*1 to 256 characters of A-Z, a-z, 0-9, _ and -/],
    ['a secret with other punctuation', { ...WEBHOOK, TELEGRAM_WEBHOOK_SECRET: 'rahasia!kota' }, /1 to 256 characters/],
    ['a secret of 257 characters', { ...WEBHOOK, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(257) }, /1 to 256 characters/],
  ])('refuses %s, saying how to fix it', (_, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
