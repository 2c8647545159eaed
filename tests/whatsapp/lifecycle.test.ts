import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness.js';
import { FakeWhatsAppClient, settle, waMessage } from './fakes.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

function errorsMatching(pattern: RegExp): string[] {
  return h.logger.messages('error').filter((m) => pattern.test(m));
}

describe('WhatsApp linking and health', () => {
  it('first start on a new server: a QR is shown in the terminal and offered on health() until the phone scans it', async () => {
    h = makeHarness();
    await h.channel.start(async () => {});
    expect(h.client.initialized).toBe(1);
    expect(h.channel.health()).toEqual({
      channel: 'whatsapp',
      enabled: true,
      connected: false,
      details: { state: 'starting', queueLength: 0 },
    });

    h.client.emit('qr', '2@abc,def,ghi');
    expect(h.qrs).toEqual(['2@abc,def,ghi']);
    expect(h.channel.health().details).toEqual({ state: 'qr', qr: '2@abc,def,ghi', queueLength: 0 });
    expect(h.channel.currentQr()).toBe('2@abc,def,ghi');
    expect(h.logger.messages('warn').some((m) => m.includes('scan the QR'))).toBe(true);

    h.client.emit('qr', '2@refreshed');
    expect(h.channel.health().details).toMatchObject({ qr: '2@refreshed' });

    h.client.emit('authenticated');
    h.client.emit('ready');
    expect(h.channel.health()).toEqual({ channel: 'whatsapp', enabled: true, connected: true, details: { state: 'ready', queueLength: 0 } });
    expect(h.channel.currentQr()).toBeUndefined();
  });

  it('waiting for someone to scan the QR is not a failure: the ready timeout does not tear the client down', async () => {
    h = makeHarness({ readyTimeoutMs: 120_000 });
    await h.channel.start(async () => {});
    h.client.emit('qr', 'qr-1');
    await h.timers.advance(30 * 60_000);
    expect(h.clients).toHaveLength(1);
    expect(h.channel.state()).toBe('qr');
  });

  it('start() does not wait for WhatsApp to become ready (the app must come up while a QR waits)', async () => {
    h = makeHarness();
    await expect(h.channel.start(async () => {})).resolves.toBeUndefined();
    expect(h.channel.state()).toBe('starting');
  });
});

describe('WhatsApp recovery: the channel heals itself and tells the operator what happened', () => {
  it('the saved session is rejected → clear error, old client destroyed, a fresh client after the backoff', async () => {
    h = makeHarness({ reconnectMinMs: 5000 });
    await h.startReady();
    const first = h.client;
    first.emit('auth_failure', 'Unable to restore session');

    expect(errorsMatching(/authentication failed \(Unable to restore session\).*scan the new QR.*delete .*session/)).toHaveLength(1);
    expect(h.channel.health()).toMatchObject({ connected: false, lastError: 'auth_failure: authentication failed (Unable to restore session)' });
    expect(h.channel.state()).toBe('reconnecting');
    await settle();
    expect(first.destroyed).toBe(1);

    await h.timers.advance(4999);
    expect(h.clients).toHaveLength(1);
    await h.timers.advance(1);
    expect(h.clients).toHaveLength(2);
    expect(h.client.initialized).toBe(1);
  });

  it('auth keeps failing → after three times the log says to delete the session directory', async () => {
    h = makeHarness({ reconnectMinMs: 1000, reconnectMaxMs: 60_000 });
    await h.channel.start(async () => {});
    for (let i = 0; i < 3; i++) {
      h.client.emit('auth_failure', 'bad session');
      await h.timers.advance(60_000);
    }
    const last = h.logger.messages('error').at(-1)!;
    expect(last).toContain('authentication failed 3 times in a row');
    expect(last).toContain(`delete ${h.sessionDir}`);
  });

  it('the phone unlinks the device (LOGOUT) → the log says to scan the new QR, and a new client shows one', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.emit('disconnected', 'LOGOUT');
    expect(errorsMatching(/disconnected \(LOGOUT\).*scan the new QR/)).toHaveLength(1);
    await h.timers.advance(5000);
    h.client.emit('qr', 'new-qr');
    expect(h.channel.health().details).toMatchObject({ state: 'qr', qr: 'new-qr' });
  });

  it('WhatsApp bans the number (TOS_BLOCK) → the log names the ban and points at pacing', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.emit('disconnected', 'TOS_BLOCK');
    expect(errorsMatching(/TOS_BLOCK.*blocked this number.*WHATSAPP_MIN_GAP_MS/)).toHaveLength(1);
  });

  it('WhatsApp Web never becomes ready → after readyTimeoutMs the client is replaced', async () => {
    h = makeHarness({ readyTimeoutMs: 120_000, reconnectMinMs: 5000 });
    await h.channel.start(async () => {});
    await h.timers.advance(119_999);
    expect(h.clients).toHaveLength(1);
    await h.timers.advance(1);
    expect(errorsMatching(/did not become ready within 120 s/)).toHaveLength(1);
    expect(h.clients[0]!.destroyed).toBe(1);
    await h.timers.advance(5000);
    expect(h.clients).toHaveLength(2);
  });

  it('after a scan the page must finish loading within the ready timeout', async () => {
    h = makeHarness({ readyTimeoutMs: 60_000 });
    await h.channel.start(async () => {});
    h.client.emit('qr', 'qr');
    await h.timers.advance(10 * 60_000);
    h.client.emit('authenticated');
    await h.timers.advance(60_000);
    expect(errorsMatching(/did not become ready/)).toHaveLength(1);
  });

  it('Chromium cannot start → the error names the executable path and how to install Chromium, then it retries', async () => {
    h = makeHarness({
      executablePath: '/opt/nope/chromium',
      clientFactory: () => {
        const c = new FakeWhatsAppClient();
        c.initialize = async () => {
          throw new Error('Failed to launch the browser process! spawn /opt/nope/chromium ENOENT');
        };
        h.clients.push(c);
        return c;
      },
    });
    await h.channel.start(async () => {});
    await settle();
    expect(errorsMatching(/could not start WhatsApp Web.*ENOENT.*\/opt\/nope\/chromium \(apt-get install chromium/)).toHaveLength(1);
    await h.timers.advance(5000);
    expect(h.clients).toHaveLength(2);
  });

  it('backoff doubles on consecutive failures up to the ceiling, and resets once ready', async () => {
    h = makeHarness({ reconnectMinMs: 1000, reconnectMaxMs: 8000 });
    await h.channel.start(async () => {});
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      h.client.emit('disconnected', 'NAVIGATION');
      const before = h.clients.length;
      let waited = 0;
      while (h.clients.length === before) {
        await h.timers.advance(500);
        waited += 500;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(h.channel.health().details).toMatchObject({ reconnectAttempts: 6 });

    h.client.becomeReady();
    h.client.emit('disconnected', 'NAVIGATION');
    await h.timers.advance(1000);
    expect(h.clients).toHaveLength(8);
  });

  it('the fresh client is built only after the old browser has closed (Chromium locks the session dir)', async () => {
    h = makeHarness({ reconnectMinMs: 1000, destroyTimeoutMs: 15_000 });
    await h.startReady();
    let closeOld!: () => void;
    h.client.destroy = () => new Promise<void>((resolve) => (closeOld = resolve));
    h.client.emit('disconnected', 'CONFLICT');
    await h.timers.advance(5000);
    expect(h.clients).toHaveLength(1);
    closeOld();
    await settle();
    expect(h.clients).toHaveLength(2);
  });

  it('an old browser that never closes is given up on after destroyTimeoutMs', async () => {
    h = makeHarness({ reconnectMinMs: 1000, destroyTimeoutMs: 15_000 });
    await h.startReady();
    h.client.destroy = () => new Promise<void>(() => {});
    h.client.emit('disconnected', 'CONFLICT');
    await h.timers.advance(14_999);
    expect(h.clients).toHaveLength(1);
    await h.timers.advance(1);
    expect(h.clients).toHaveLength(2);
    expect(h.logger.messages('warn')).toContain('whatsapp: the old browser did not close in time; continuing without it');
  });

  it('late events from a replaced client are ignored (no double reconnect, no messages from the dead client)', async () => {
    h = makeHarness({ reconnectMinMs: 1000 });
    await h.startReady();
    const old = h.client;
    old.emit('disconnected', 'NAVIGATION');
    old.emit('disconnected', 'NAVIGATION');
    old.emit('auth_failure', 'late');
    await h.timers.advance(1000);
    expect(h.clients).toHaveLength(2);
    h.client.becomeReady();

    old.emit('ready');
    old.receive(waMessage({ body: 'dari klien lama' }));
    await settle();
    expect(h.inbound).toEqual([]);
    expect(h.logger.messages('error').filter((m) => m.includes('disconnected'))).toHaveLength(1);
  });

  it('stop() cancels a pending reconnect and destroys the client; nothing is rebuilt afterwards', async () => {
    h = makeHarness({ reconnectMinMs: 1000 });
    await h.startReady();
    h.client.emit('disconnected', 'NAVIGATION');
    await settle();
    await h.channel.stop();
    expect(h.clients[0]!.destroyed).toBe(1);
    await h.timers.advance(60 * 60_000);
    expect(h.clients).toHaveLength(1);
    expect(h.timers.pending).toBe(0);
    expect(h.channel.health()).toMatchObject({ connected: false, details: { state: 'disconnected' } });
  });

  it('stop() while ready destroys the live client and clears the ready timer; start() again works', async () => {
    h = makeHarness();
    await h.channel.start(async () => {});
    await h.channel.stop();
    expect(h.clients[0]!.destroyed).toBe(1);
    expect(h.timers.pending).toBe(0);

    await h.startReady();
    expect(h.clients).toHaveLength(2);
    await expect(h.channel.send({ to: '6281234567890@c.us', text: 'kembali' })).resolves.toMatchObject({ externalId: expect.any(String) });
  });
});
