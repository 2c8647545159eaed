/**
 * The gate in front of the engine: blocked senders, floods and "HAPUS DATA
 * SAYA", through the real app on a temp SQLite file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../core/ports.js';
import { isErasureConfirm, isErasureRequest } from '../../core/privacy/gate.js';
import { createTestApp, type TestApp, sqliteDb } from '../support/app.js';

const SITI = '6281234567890@c.us';
const BUDI = '6285211112222@c.us';

let t: TestApp;
afterEach(async () => t.close());

async function fileWithPhoto(from: string): Promise<{ number: string; photo: string }> {
  const photo = join(t.dir, 'media', `${from}.jpg`);
  mkdirSync(join(t.dir, 'media'), { recursive: true });
  writeFileSync(photo, Buffer.alloc(2000, 1));
  await t.say(from, 'nama sy Siti Aminah, sampah menumpuk di jl. datuk dibanta no 12, hubungi 0812-3456-7890');
  await t.say(from, undefined, { media: { kind: 'photo', path: photo, bytes: 2000 } });
  const filed = (await t.say(from, 'ya')).join('\n');
  const number = /BM-\d{4}/.exec(filed)?.[0];
  if (!number) throw new Error(`no ticket filed: ${filed}\n${t.inbox(from).join('\n---\n')}`);
  return { number, photo };
}

describe('a citizen erases their data (UU 27/2022 PDP)', () => {
  beforeEach(async () => { t = await createTestApp(); });

  it('"HAPUS DATA SAYA" then "HAPUS" removes name, phone, texts and photos; the ticket statistics stay', async () => {
    const { number, photo } = await fileWithPhoto(SITI);
    expect(existsSync(photo)).toBe(true);
    const ask = (await t.say(SITI, 'hapus data saya')).join('\n');
    expect(ask).toContain('Balas *HAPUS* dalam 10 menit');
    const done = (await t.say(SITI, 'HAPUS')).join('\n');
    expect(done).toContain('Data Anda sudah kami hapus');

    const ticket = (await t.app.store.tickets.getByNumber(number))!;
    expect(ticket).toMatchObject({ category: 'sampah', agency: 'DLH', locationText: null, latitude: null });
    expect(ticket.description).toBe('[dihapus atas permintaan warga]');
    expect(await t.app.store.tickets.media(ticket.id)).toHaveLength(0);
    expect(existsSync(photo)).toBe(false);
    const db = sqliteDb(t.app.store);
    // Only the confirmation sent after the erasure is left, and it holds nothing personal.
    expect(db.prepare('SELECT text FROM messages WHERE citizen_id = ? AND text IS NOT NULL').pluck().all(ticket.citizenId))
      .toEqual([expect.stringContaining('Data Anda sudah kami hapus')]);
    const citizen = (await t.app.store.citizens.get(ticket.citizenId))!;
    expect(citizen).toMatchObject({ displayName: null, phone: null });
    expect(citizen.address).not.toContain('628');
    const everything = JSON.stringify(db.prepare('SELECT * FROM tickets').all()) + JSON.stringify(db.prepare('SELECT * FROM ticket_events').all())
      + JSON.stringify(db.prepare('SELECT text, payload FROM messages').all());
    expect(everything).not.toContain('Siti');
    expect(everything).not.toContain('0812-3456-7890');
    // Events keep their actions and states for the statistics.
    expect((await t.app.store.tickets.events(ticket.id)).map((e) => e.action)).toContain('dibuat');
  });

  it('anything else than "HAPUS" cancels the request and is handled as usual', async () => {
    await t.say(SITI, 'Hapus data saya');
    const reply = (await t.say(SITI, 'halo')).join('\n');
    expect(reply).toContain('permintaan hapus data dibatalkan');
    expect(reply).toContain('SuaraWarga');
    expect((await t.say(SITI, 'hapus')).join('\n')).not.toContain('sudah kami hapus');
  });

  it('a confirmation after the time is up erases nothing', async () => {
    const { number } = await fileWithPhoto(SITI);
    await t.say(SITI, 'hapus data saya');
    t.clock.advance(11 * 60_000);
    await t.say(SITI, 'hapus');
    expect((await t.app.store.tickets.getByNumber(number))!.description).toContain('sampah');
  });
});

describe('blocked senders', () => {
  beforeEach(async () => { t = await createTestApp(); });

  it('are recorded, answered once politely, and never processed', async () => {
    await t.app.store.privacy.block({ channel: 'memory', address: BUDI, blockedBy: 'admin', reason: 'laporan palsu berulang', blockedAt: t.clock.now().toISOString() });
    const first = await t.say(BUDI, 'jalan rusak di depan rumah');
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('tidak kami proses');
    expect(await t.say(BUDI, 'sampah menumpuk')).toEqual([]);
    expect(await t.say(BUDI, 'ya')).toEqual([]);
    expect(await t.app.store.tickets.list({})).toHaveLength(0);
    expect(sqliteDb(t.app.store).prepare("SELECT count(*) FROM messages WHERE direction = 'in' AND text IS NOT NULL").pluck().get()).toBe(3);
    expect(await t.app.store.privacy.unblock('memory', BUDI)).toBe(true);
    expect((await t.say(BUDI, 'halo')).join('\n')).toContain('SuaraWarga');
  });
});

describe('a sender flooding messages', () => {
  it('is only recorded past the limit, so the classifier keeps serving other citizens', async () => {
    const seen: string[] = [];
    const classifier: Classifier = {
      async classify(text) {
        seen.push(text);
        return { intent: 'sapaan', category: null, confidence: 0.9, alternatives: [], location: null, area: null, normalized: text, source: 'rules' };
      },
    };
    t = await createTestApp({ env: { FLOOD_MAX_PER_MINUTE: '5' }, overrides: { classifier } });
    // A channel hands messages over one at a time (grammY's polling does): the flood comes first.
    for (let i = 0; i < 40; i++) await t.app.receive({ channel: 'memory', externalId: `flood-${i}`, sender: { address: BUDI }, text: `spam ${i}` });
    await t.app.receive({ channel: 'memory', externalId: 'siti-1', sender: { address: SITI }, text: 'halo' });
    await t.app.worker.drain();
    expect(seen.filter((x) => x.startsWith('spam'))).toHaveLength(5);
    expect(seen).toContain('halo');
    expect(t.inbox(SITI).length).toBeGreaterThan(0);
    expect(t.inbox(BUDI).filter((x) => x.includes('terlalu banyak'))).toHaveLength(1);
    expect(sqliteDb(t.app.store).prepare("SELECT count(*) FROM messages WHERE direction = 'in' AND text LIKE 'spam%'").pluck().get()).toBe(40);
  });
});

describe('what counts as an erasure request and its confirmation', () => {
  it.each(['HAPUS DATA SAYA', 'hapus data saya', 'Hapus data', 'tolong hapus data saya min', 'saya mau hapus semua data saya', 'hapus\u200b data saya!', 'mohon dihapus data saya'])(
    '"%s" asks for erasure', (text) => expect(isErasureRequest(text)).toBe(true));
  it.each(['hapus laporan BM-0042', 'data saya salah', 'jangan hapus data saya dong', 'hapus', 'sampah di jalan hapus'])(
    '"%s" does not', (text) => expect(isErasureRequest(text)).toBe(false));
  it.each(['HAPUS', 'ya hapus', 'iya, hapus aja', 'hapus!'])('"%s" confirms', (text) => expect(isErasureConfirm(text)).toBe(true));
  it.each(['tidak', 'jangan hapus', 'batal', 'halo'])('"%s" does not confirm', (text) => expect(isErasureConfirm(text)).toBe(false));
});
