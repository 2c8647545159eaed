/**
 * The duplicate check finds candidates through the store's place index:
 * the words of a place's names (placeTerms) and a box around a pin. These
 * tests hold that index to samePlace: every pair samePlace calls the same
 * place shares a word, every pin within the radius falls in the box, and a
 * citizen is offered the earlier report however many other tickets are open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { distanceMetres, pinBox, placeTerms, samePlace } from '../../core/routing/duplicates.js';
import { fileTicket } from '../outbox/support.js';
import { createTestApp, sqliteDb, type TestApp } from '../support/app.js';
import { GARBAGE } from '../conversation/support/scripts.js';

const places = [
  'jln sultan hasanuddin depan masjid', 'Jalan Sultan Hasanuddin', 'Jl. Hasanuddin no 12', 'depan Terminal Dara', 'Jl. Flamboyan depan Terminal Dara',
  'Jl. Kartini, kelurahan Paruga', 'Jl. Sudirman, kelurahan Paruga', 'kelurahan Paruga rt 02', 'rt 03 rw 02', 'depan rumah saya',
  'samping masjid Al-Ikhlas', 'dekat Masjid Al Ikhlas Jl. Gajah Mada', 'depan masjid Nurul Huda', 'depan SDN Nurul Huda', 'gg melati rt 03',
  'Gang Melati', 'depan SDN 4', 'depan SDN 7', 'Paruga', "Perumahan Oi Fo'o blok C", 'perum oi foo', 'pasar raya bima', 'Pasar Raya',
  'simpang lima sadia', 'Jl. Soekarno-Hatta', 'soekarno hatta km 3', 'lorong 2 sarae', 'gang k1z', 'tps dekat pasar sentral',
];

describe('the place index finds every place samePlace calls the same', () => {
  it('any two places that samePlace matches share a word of the index', () => {
    const missed: string[] = [];
    for (const a of places) {
      for (const b of places) {
        if (!samePlace({ text: a }, { locationText: b, kelurahan: null, latitude: null, longitude: null }, 150)) continue;
        const shared = placeTerms(a).some((w) => placeTerms(b).includes(w));
        if (!shared) missed.push(`${a} ~ ${b}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('a place without a name of its own has no words, and a landmark is not found by its noun alone', () => {
    expect(placeTerms('depan rumah saya')).toEqual([]);
    expect(placeTerms('kelurahan Paruga rt 02')).toEqual([]);
    expect(placeTerms('samping masjid Al-Ikhlas')).toEqual(['al', 'ikhlas']);
  });

  it.each([[-8.46, 118.72], [0.5, 101.45], [-6.2, 106.8]])('every point within the radius of a pin at %f, %f is inside its box', (lat, lon) => {
    const box = pinBox({ latitude: lat, longitude: lon }, 150)!;
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const r = (bearing * Math.PI) / 180;
      // A point 149 m away in this direction.
      const p = { latitude: lat + (149 / 111_320) * Math.cos(r), longitude: lon + (149 / (111_320 * Math.cos((lat * Math.PI) / 180))) * Math.sin(r) };
      expect(distanceMetres({ latitude: lat, longitude: lon }, p)).toBeLessThanOrEqual(150);
      expect(p.latitude >= box.south && p.latitude <= box.north && p.longitude >= box.west && p.longitude <= box.east).toBe(true);
    }
  });
});

describe('a citizen is offered the earlier report of the same place', () => {
  let t: TestApp | undefined;
  afterEach(async () => { await t?.close(); t = undefined; });

  it('even with 350 other open garbage tickets filed after it', async () => {
    t = await createTestApp();
    const first = await fileTicket(t, 'warga-lain', 'sampah');
    await t.app.store.tickets.update(first.id, { locationText: 'jalan sudirman dekat pasar' });
    for (let i = 0; i < 350; i++) {
      const other = await fileTicket(t, `warga-${i}`, 'sampah');
      await t.app.store.tickets.update(other.id, { locationText: `gang nomor ${i} blok x${i}` });
    }
    await t.say('62811', GARBAGE);
    expect((await t.say('62811', 'lewati')).join('\n')).toContain('Sudah ada laporan serupa');
  });

  it('when that report was filed before the place index existed (indexed at start-up)', async () => {
    t = await createTestApp();
    const first = await fileTicket(t, 'warga-lain', 'sampah');
    await t.app.store.tickets.update(first.id, { locationText: 'jalan sudirman dekat pasar' });
    // As a database upgraded from a version without the index: the ticket has no rows in it.
    sqliteDb(t.app.store).prepare('DELETE FROM ticket_place_terms').run();
    await t.say('62811', GARBAGE);
    expect((await t.say('62811', 'lewati')).join('\n')).not.toContain('Sudah ada laporan serupa');
    await t.say('62811', 'batal');

    await t.restart();
    await t.say('62812', GARBAGE);
    expect((await t.say('62812', 'lewati')).join('\n')).toContain('Sudah ada laporan serupa');
  });
});
