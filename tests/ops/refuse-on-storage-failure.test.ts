import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTelegramHarness, type TelegramHarness } from '../telegram/harness.js';

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Telegram under a locked database', () => {
  it('does not confirm a citizen message it could not store, and handles it once the database is free', async () => {
    h = await createTelegramHarness();
    const { fake, t } = h;
    t.app.store.db.pragma('busy_timeout = 50');
    const other = new Database(t.app.config.DATABASE_PATH);
    other.exec('BEGIN EXCLUSIVE');
    const budi = { id: 5001, first_name: 'Budi' };
    const updateId = fake.privateText(budi, 'halo');
    await vi.waitFor(() => expect(h!.telegram.citizen.health().lastError).toMatch(/storage unavailable/), { timeout: 10_000 });
    // Still unconfirmed: Telegram would deliver it again after a restart.
    await expect(fake.handled(updateId, 300)).rejects.toThrow(/did not confirm/);
    expect(t.app.store.messages.countInbound()).toBe(0);

    other.exec('ROLLBACK');
    other.close();
    await fake.handled(updateId);
    await t.app.worker.drain();
    expect(t.app.store.messages.countInbound()).toBe(1);
    expect(fake.textsTo(budi.id).join('\n')).toContain('SuaraWarga');
    expect(h.telegram.citizen.health().lastError).toBeUndefined();
  });
});
