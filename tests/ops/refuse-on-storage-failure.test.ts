import { sqliteDb } from '../support/app.js';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageUnavailableError } from '../../core/ports.js';
import { createTelegramHarness, type TelegramHarness } from '../telegram/harness.js';
import { settle, waMessage } from '../whatsapp/fakes.js';
import { makeHarness } from '../whatsapp/harness.js';

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Telegram under a locked database', () => {
  it('does not confirm a citizen message it could not store, and handles it once the database is free', async () => {
    h = await createTelegramHarness();
    const { fake, t } = h;
    sqliteDb(t.app.store).pragma('busy_timeout = 50');
    const other = new Database(t.app.config.DATABASE_PATH);
    other.exec('BEGIN EXCLUSIVE');
    const budi = { id: 5001, first_name: 'Budi' };
    const updateId = fake.privateText(budi, 'halo');
    await vi.waitFor(() => expect(h!.telegram.citizen.health().lastError).toMatch(/storage unavailable/), { timeout: 10_000 });
    // Still unconfirmed: Telegram would deliver it again after a restart.
    await expect(fake.handled(updateId, 300)).rejects.toThrow(/did not confirm/);
    expect(await t.app.store.messages.countInbound()).toBe(0);

    other.exec('ROLLBACK');
    other.close();
    await fake.handled(updateId);
    await t.app.worker.drain();
    expect(await t.app.store.messages.countInbound()).toBe(1);
    expect(fake.textsTo(budi.id).join('\n')).toContain('SuaraWarga');
    expect(h.telegram.citizen.health().lastError).toBeUndefined();
  });
});

describe('WhatsApp under a storage failure', () => {
  it('keeps a message the database could not store and hands it over again, the same sender\'s next message behind it', async () => {
    const wa = makeHarness();
    try {
      const got: string[] = [];
      let refusals = 2;
      await wa.channel.start(async (m) => {
        if (refusals > 0) {
          refusals--;
          throw new StorageUnavailableError('storage unavailable: database is locked');
        }
        got.push(m.text ?? '');
      });
      wa.client.becomeReady();
      await settle();
      wa.client.receive(waMessage({ body: 'sampah numpuk' }));
      wa.client.receive(waMessage({ body: 'di depan pasar' }));
      await settle();
      expect(got).toEqual([]);
      expect(wa.channel.health().lastError).toMatch(/storage unavailable/);
      await wa.timers.advance(1_000);
      await settle();
      await wa.timers.advance(2_000);
      await settle();
      expect(got).toEqual(['sampah numpuk', 'di depan pasar']);
      expect(wa.logger.entries.some((e) => e.level === 'error' && /database cannot store the message/.test(e.msg ?? ''))).toBe(true);
    } finally {
      await wa.cleanup();
    }
  });
});
