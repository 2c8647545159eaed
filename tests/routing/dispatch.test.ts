import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestApp, type TestApp } from '../support/app.js';
import { routeComplaint } from '../../core/routing/router.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

async function report(from: string, text: string, place: string | { latitude: number; longitude: number }) {
  await t.say(from, text);
  const r = typeof place === 'string' ? await t.say(from, place) : await t.say(from, undefined, { location: place });
  const all = [...r];
  if (r.join('\n').includes('kirimkan foto')) all.push(...await t.say(from, 'lewati'));
  return all.join('\n');
}

describe('the dispatcher sends every ticket to the right agency', () => {
  it('routes by category to the default agency', async () => {
    await report('a', 'air pdam gak ngalir dari subuh', 'jalan gatot subroto');
    await t.say('a', 'ya');
    expect((await t.app.store.tickets.list({}))[0]).toMatchObject({ agency: 'PDAM', state: 'diteruskan' });
  });

  it('routes by area and by keyword, first match wins', () => {
    const cfg = t.app.prompts.current();
    const withArea = { ...cfg, rules: [{ name: 'banjir-asakota', when: { category: ['banjir_drainase'], kecamatan: ['Asakota'] }, agency: 'BPBD' }, ...cfg.rules] };
    expect(routeComplaint(withArea, { category: 'banjir_drainase', confidence: 0.9, text: 'got mampet', kecamatan: 'asakota' })).toMatchObject({ kind: 'agency', agency: 'BPBD', rule: 'banjir-asakota' });
    expect(routeComplaint(withArea, { category: 'banjir_drainase', confidence: 0.9, text: 'got mampet', kecamatan: 'Raba' })).toMatchObject({ agency: 'PUPR', rule: null });
    expect(routeComplaint(cfg, { category: 'pohon_taman', confidence: 0.9, text: 'pohon tumbang menutup jalan' })).toMatchObject({ agency: 'BPBD', rule: 'pohon-tumbang-darurat-ke-bpbd' });
  });

  it('rejects what is not the city\'s job and tells the citizen who is responsible', async () => {
    const text = await report('b', 'jalan nasional lintas sumbawa berlubang parah', 'km 5 arah dompu');
    const final = text.includes('Kirim laporan ini') ? (await t.say('b', 'ya')).join('\n') : text;
    expect(final).toContain('BPJN');
    expect(await t.app.store.tickets.list({})).toHaveLength(0);
  });

  it('sends unclear ("lainnya") and low-confidence tickets to triage at the command centre, where staff route them on', async () => {
    const cfg = t.app.prompts.current();
    expect(routeComplaint(cfg, { category: 'lainnya', confidence: 0.9, text: 'x' })).toMatchObject({ kind: 'triage', agency: 'KOMINFO', reason: 'lainnya' });
    expect(routeComplaint(cfg, { category: 'sampah', confidence: 0.5, text: 'x' })).toMatchObject({ kind: 'triage', agency: 'KOMINFO', reason: 'low_confidence' });

    const filed = await t.app.tickets.file({
      citizenId: (await t.app.store.citizens.resolve('memory', { address: 'c' }, new Date())).id, channel: 'memory', category: 'lainnya', agency: 'KOMINFO',
      description: 'ada yang aneh', locationText: 'pasar', kelurahan: null, kecamatan: null, rt: null, rw: null, latitude: null, longitude: null,
      confidence: 0.3, emergency: false, confidential: false, trustedReporter: null, routeRule: null, triage: true, photos: [],
    }, { type: 'citizen' });
    expect(filed.state).toBe('baru');
    const routed = await t.app.tickets.act(filed.id, 'teruskan', { actor: { type: 'staff', name: 'Triase' }, agency: 'DLH' });
    expect(routed).toMatchObject({ state: 'diteruskan', agency: 'DLH' });
    await t.app.worker.drain();
    expect(t.inbox('c').join('\n')).toContain('diteruskan ke *Dinas Lingkungan Hidup*');
  });

  it('offers to support a similar open ticket instead of filing a duplicate; the supporter gets updates', async () => {
    await report('first', 'sampah numpuk di tps belum diangkut', 'jalan sultan hasanuddin depan pasar');
    await t.say('first', 'ya');
    const n = (await t.app.store.tickets.list({}))[0]!.number;

    const offer = await report('second', 'tumpukan sampah bau banget', 'depan pasar jalan sultan hasanuddin');
    expect(offer).toContain(`Sudah ada laporan serupa: *${n}*`);
    expect((await t.say('second', '1')).join('\n')).toContain(`dukungan Anda untuk laporan *${n}*`);
    expect(await t.app.store.tickets.list({})).toHaveLength(1);

    await t.app.tickets.act(n, 'ambil', { actor: { type: 'staff', id: '1', name: 'Rina' } });
    await t.app.worker.drain();
    expect(t.inbox('second').join('\n')).toContain(`laporan *${n}* sedang ditangani`);
  });

  it('detects duplicates by map pins within about 150 m, and files a new one when asked', async () => {
    await report('p1', 'lampu jalan mati total', { latitude: -8.4600, longitude: 118.7260 });
    await t.say('p1', 'ya');
    const offer = await report('p2', 'pju mati gelap gulita', { latitude: -8.4608, longitude: 118.7265 });
    expect(offer).toContain('Sudah ada laporan serupa');
    const summary = (await t.say('p2', '2')).join('\n');
    expect(summary).toContain('Kirim laporan ini?');
    await t.say('p2', 'ya');
    expect(await t.app.store.tickets.list({})).toHaveLength(2);
    const far = await report('p3', 'lampu jalan mati', { latitude: -8.47, longitude: 118.74 });
    expect(far).not.toContain('Sudah ada laporan serupa');
  });

  it('marks reports of a registered ketua RT and fills in their area', async () => {
    await t.app.store.trustedReporters.add({ channel: 'memory', address: 'ketua-rt', name: 'Pak Ahmad', rt: '03', rw: '02', kelurahan: 'Paruga', kecamatan: null });
    await report('ketua-rt', 'selokan mampet airnya naik ke jalan', 'gang mawar');
    const filed = (await t.say('ketua-rt', 'ya')).join('\n');
    expect(filed).toContain('Ketua RT 03/RW 02 Paruga');
    expect((await t.app.store.tickets.list({}))[0]).toMatchObject({ kelurahan: 'Paruga', kecamatan: 'Rasanae Barat', rt: '03', rw: '02', trustedReporter: 'Pak Ahmad (Ketua RT 03/RW 02)' });
  });

  it('uses an admin\'s new keyword at once', async () => {
    const before = t.app.offline().classifySync('ada bekicot raksasa di jalan');
    const categories = readFileSync(`${t.dir}/prompts/categories.yaml`, 'utf8').replace(/(- id: kesehatan[\s\S]*?keywords: \{)/, '$1 bekicot: 9,');
    expect(await t.app.prompts.apply({ 'categories.yaml': categories }, 'admin')).toMatchObject({ ok: true });
    const after = t.app.offline().classifySync('ada bekicot raksasa di jalan');
    expect(after.category).toBe('kesehatan');
    expect(before.category).not.toBe('kesehatan');
  });
});
