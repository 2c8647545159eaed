import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/tickets/types.js';
import { addUser, Client } from '../web/support.js';
import { buttonReply, listReply, photo, pin, templateButton, text } from './fake-graph.js';
import { createCloudHarness, type CloudHarness } from './harness.js';

let h: CloudHarness;
beforeEach(async () => { h = await createCloudHarness(); });
afterEach(async () => { await h.close(); });

const SITI = { waId: '6281234567890', name: 'Siti' };
const STAFF: Actor = { type: 'staff', id: '777', name: 'Budi' };
const HOUR = 3_600_000;

/** Files a street-light complaint with a pin and a photo, pressing the confirmation button. */
async function fileComplaint(): Promise<number> {
  const askLocation = await h.post(text(SITI, 'lampu jalan mati udah 3 hari, gelap bgt kalo malam'), SITI.waId);
  expect(askLocation.map((m) => m.text).join('\n')).toMatch(/lokasi/i);
  const askPhoto = await h.post(pin(SITI, -8.4606, 118.7271, 'Jl. Soekarno Hatta', 'Rabadompu Timur'), SITI.waId);
  expect(askPhoto.map((m) => m.text).join('\n')).toMatch(/foto/i);
  h.graph.addMedia('1093847561029384', Buffer.alloc(40_000, 7));
  const summary = await h.post(photo(SITI, '1093847561029384'), SITI.waId);
  const confirm = summary.find((m) => m.type === 'interactive')!;
  expect(confirm.body.interactive).toMatchObject({ type: 'button' });
  expect(confirm.text).toContain('Lampu Jalan');
  const filed = await h.post(buttonReply(SITI, confirm.choiceIds[0]!, 'Ya, kirim'), SITI.waId);
  expect(filed.map((m) => m.text).join('\n')).toContain('BM-0001');
  return (await h.app.store.tickets.getByNumber('BM-0001'))!.id;
}

describe('a citizen files a complaint through the Cloud API', () => {
  it('with a map pin, a photo and the confirmation button; the ticket has the place and the photo', async () => {
    const id = await fileComplaint();
    const ticket = (await h.app.store.tickets.get(id))!;
    expect(ticket).toMatchObject({ category: 'lampu_jalan', agency: 'DISHUB', latitude: -8.4606, longitude: 118.7271, channel: 'whatsapp' });
    const [media] = await h.app.store.tickets.media(id);
    expect(media!.path.startsWith(`${h.dir}/media/`)).toBe(true);
    expect(readFileSync(media!.path).length).toBe(40_000);
    // The photo was fetched with the token: lookup, then download.
    const lookups = h.graph.calls.filter((c) => c.method === 'GET' && c.path.includes('1093847561029384'));
    expect(lookups.map((c) => c.path)).toEqual(['/v24.0/1093847561029384', '/media-download/1093847561029384']);
    expect(lookups.every((c) => c.auth?.startsWith('Bearer '))).toBe(true);
    // Staff never see the number: the citizen is stored with it, the ticket only points at the citizen.
    expect(await h.app.store.citizens.get(ticket.citizenId)).toMatchObject({ address: '6281234567890@c.us', phone: '6281234567890', displayName: 'Siti' });
    expect(JSON.stringify(ticket)).not.toContain('6281234567890');
  });

  it('takes a photo sent as a document (full quality) like any photo', async () => {
    const { inbound } = await import('./fake-graph.js');
    await h.post(text(SITI, 'jalan berlubang besar di gang melati'), SITI.waId);
    await h.post(text(SITI, 'gang melati rt 02'), SITI.waId);
    h.graph.addMedia('doc-1', Buffer.alloc(2_000, 3), 'image/png');
    const got = await h.post(inbound(SITI, 'document', { document: { id: 'doc-1', mime_type: 'image/png', filename: 'IMG_2026.png' } }), SITI.waId);
    expect(got.map((m) => m.text).join('\n')).toContain('Foto: 1 foto');
  });

  it('refuses a photo over the size limit politely and keeps the report going', async () => {
    await h.post(text(SITI, 'sampah numpuk di tps pasar raya belum diangkut'), SITI.waId);
    await h.post(text(SITI, 'tps pasar raya'), SITI.waId);
    h.graph.addMedia('big', Buffer.alloc(1000), 'image/jpeg', 50_000_000);
    const answer = await h.post(photo(SITI, 'big'), SITI.waId);
    expect(answer.map((m) => m.text).join('\n')).toMatch(/besar/i);
    expect(h.graph.calls.some((c) => c.path === '/media-download/big')).toBe(false);
  });

  it.each([
    ['a voice note', 'audio', { audio: { id: 'a1', mime_type: 'audio/ogg', voice: true } }, /pesan suara/i],
    ['a sticker', 'sticker', { sticker: { id: 's1', mime_type: 'image/webp' } }, /stiker/i],
    ['a video', 'video', { video: { id: 'v1', mime_type: 'video/mp4' } }, /video/i],
    ['a PDF document', 'document', { document: { id: 'd1', mime_type: 'application/pdf', filename: 'ktp.pdf' } }, /dokumen/i],
    ['a contact card', 'contacts', { contacts: [{ name: { formatted_name: 'Pak RT' } }] }, /kontak/i],
    ['a reaction', 'reaction', { reaction: { message_id: 'wamid.X', emoji: '👍' } }, /./],
    ['an unsupported message', 'unsupported', { errors: [{ code: 131051, title: 'Message type unknown' }] }, /./],
  ])('answers %s with the same polite text as other channels', async (_, type, content, expected) => {
    const { inbound } = await import('./fake-graph.js');
    const got = await h.post(inbound(SITI, type, content), SITI.waId);
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toMatch(expected);
    expect(await h.app.store.tickets.list({})).toHaveLength(0);
  });
});

describe('status updates and the 24-hour window', () => {
  it('sends an update within 24 hours as free text', async () => {
    const id = await fileComplaint();
    h.clock.advance(3 * HOUR);
    await h.app.tickets.act(id, 'ambil', { actor: STAFF });
    const before = h.graph.sent.length;
    await h.flush();
    const update = h.graph.sent.slice(before).filter((m) => m.to === SITI.waId);
    expect(update.map((m) => m.type)).toEqual(['text']);
    expect(update[0]!.text).toContain('BM-0001');
  });

  it('sends an update 25 hours later as the approved template, filled with the ticket\'s facts', async () => {
    const id = await fileComplaint();
    h.clock.advance(25 * HOUR);
    await h.app.tickets.act(id, 'ambil', { actor: STAFF });
    const before = h.graph.sent.length;
    await h.flush();
    const [update] = h.graph.sent.slice(before).filter((m) => m.to === SITI.waId);
    expect(update!.body).toMatchObject({
      type: 'template',
      template: {
        name: 'suarawarga_diproses', language: { code: 'id' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'BM-0001' }, { type: 'text', text: 'Dinas Perhubungan' }] }],
      },
    });
  });

  it('asks "Sudah beres?" days later with template buttons, and the citizen\'s press closes the loop', async () => {
    const id = await fileComplaint();
    await h.app.tickets.act(id, 'ambil', { actor: STAFF });
    await h.flush();
    h.clock.advance(3 * 24 * HOUR);
    await h.app.tickets.act(id, 'selesaikan', { actor: STAFF, note: 'Lampu sudah diganti\ndan menyala' });
    const before = h.graph.sent.length;
    await h.flush();
    const sent = h.graph.sent.slice(before).filter((m) => m.to === SITI.waId);
    expect(sent.map((m) => m.text)).toEqual(['template:suarawarga_selesai', 'template:suarawarga_konfirmasi_selesai']);
    // A parameter may not contain a newline: the note is flattened.
    expect(JSON.stringify(sent[0]!.body)).toContain('Lampu sudah diganti dan menyala');
    const ask = sent[1]!.body.template as { components: { type: string; parameters: { payload?: string }[] }[] };
    const payloads = ask.components.filter((c) => c.type === 'button').map((c) => c.parameters[0]!.payload);
    expect(payloads).toEqual([`beres:${id}`, `belum:${id}`]);

    // The citizen presses the template's "Sudah beres" button: the ticket closes and the rating list comes.
    const rating = await h.post(templateButton(SITI, `beres:${id}`), SITI.waId);
    expect((await h.app.store.tickets.get(id))!.state).toBe('ditutup');
    const list = rating.find((m) => m.type === 'interactive')!;
    expect(list.body.interactive).toMatchObject({ type: 'list', action: { button: 'Pilih jawaban' } });
    expect(list.choiceIds).toEqual(['nilai:1', 'nilai:2', 'nilai:3', 'nilai:4', 'nilai:5']);
    await h.post(listReply(SITI, 'nilai:5', '⭐⭐⭐⭐⭐'), SITI.waId);
    expect((await h.app.store.tickets.get(id))!.rating).toBe(5);
  });

  it('holds an update that has no template, tells the command centre why, and sends it when the citizen writes again', async () => {
    const templates = h.app.prompts.files()['whatsapp-templates.yaml']!;
    const without = templates.replace(/ {2}update_diproses:\n(?: {4}.*\n)+/, '');
    expect((await h.app.prompts.apply({ 'whatsapp-templates.yaml': without }, 'test')).ok).toBe(true);
    const id = await fileComplaint();
    h.clock.advance(30 * HOUR);
    await h.app.tickets.act(id, 'ambil', { actor: STAFF });
    const before = h.graph.sent.length;
    await h.flush();
    expect(h.graph.sent.length).toBe(before);
    const [held] = await h.app.store.outbox.listWaiting(10);
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(held!.waitingReason).toContain('update_diproses');
    expect(held!.waitingReason).toContain('24 jam');

    // The command centre's channel page shows it to admins, with the reason.
    await addUser(h.app, 'admin', 'admin', 'rahasia-admin-123');
    const admin = new Client(h.web.url);
    await admin.form('/login', { name: 'admin', password: 'rahasia-admin-123', next: '/' }, { csrf: false });
    const page = await (await admin.get('/admin/saluran')).text();
    expect(page).toContain('menunggu');
    expect(page).toContain('update_diproses');

    // The citizen writes again: the window opens, the held update goes first, then the answer.
    const got = await h.post(text(SITI, 'pak gimana laporan saya'), SITI.waId);
    expect(got[0]!.type).toBe('text');
    expect(got[0]!.text).toContain('sedang ditangani');
    expect(await h.app.store.outbox.listWaiting(10)).toHaveLength(0);
    expect((await h.app.store.outbox.get(held!.id))!.status).toBe('sent');
  });

  it('sends a held update as soon as an admin adds its template', async () => {
    const templates = h.app.prompts.files()['whatsapp-templates.yaml']!;
    await h.app.prompts.apply({ 'whatsapp-templates.yaml': templates.replace(/ {2}update_diproses:\n(?: {4}.*\n)+/, '') }, 'test');
    const id = await fileComplaint();
    h.clock.advance(30 * HOUR);
    await h.app.tickets.act(id, 'ambil', { actor: STAFF });
    await h.flush();
    expect(await h.app.store.outbox.listWaiting(10)).toHaveLength(1);
    expect((await h.app.prompts.apply({ 'whatsapp-templates.yaml': templates }, 'test')).ok).toBe(true);
    const before = h.graph.sent.length;
    await h.flush();
    expect(h.graph.sent.slice(before).map((m) => m.text)).toEqual(['template:suarawarga_diproses']);
  });
});

describe('the photo of a resolved ticket reaches the citizen', () => {
  it('uploads the staff photo and sends it with the update as caption', async () => {
    const id = await fileComplaint();
    await h.app.tickets.act(id, 'ambil', { actor: STAFF });
    const proof = (await h.app.store.tickets.media(id))[0]!.path;
    expect(existsSync(proof)).toBe(true);
    await h.app.tickets.act(id, 'selesaikan', { actor: STAFF, note: 'Sudah diganti', photoPath: proof });
    const before = h.graph.sent.length;
    await h.flush();
    const sent = h.graph.sent.slice(before).filter((m) => m.to === SITI.waId);
    const image = sent.find((m) => m.type === 'image')!;
    expect(image.text).toContain('BM-0001');
    const mediaId = (image.body.image as { id: string }).id;
    expect(h.graph.uploads.get(mediaId)).toBeGreaterThan(40_000);
  });
});
