import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, sqliteDb } from '../support/app.js';
import { IllegalTransitionError } from '../../core/tickets/states.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const staff = { type: 'staff' as const, id: '42', name: 'Rina' };

async function file(text = 'sampah numpuk', place = 'jalan sudirman'): Promise<string> {
  await t.say('w1', text);
  await t.say('w1', place);
  await t.say('w1', 'lewati');
  return /BM-\d{4}/.exec((await t.say('w1', 'ya')).join('\n'))![0];
}

describe('ticket lifecycle', () => {
  it('moves through the states with an event for each step and tells the citizen', async () => {
    const n = await file();
    await t.app.tickets.act(n, 'ambil', { actor: staff });
    await t.app.tickets.staffReply(n, staff, 'Petugas meluncur besok pagi');
    await t.app.tickets.act(n, 'selesaikan', { actor: staff, note: 'Sampah sudah diangkut', photoPath: '/tmp/bukti.jpg' });
    await t.app.worker.drain();
    const inbox = t.inbox('w1').join('\n');
    expect(inbox).toContain('sedang ditangani');
    expect(inbox).toContain('Balasan dari Dinas Lingkungan Hidup');
    expect(inbox).toContain('Petugas meluncur besok pagi');
    expect(inbox).not.toContain('Rina');
    expect(inbox).toContain('Sampah sudah diangkut');
    expect(inbox).toContain('Apakah masalahnya sudah beres?');
    const ticket = (await t.app.store.tickets.getByNumber(n))!;
    expect(ticket.state).toBe('selesai');
    expect((await t.app.store.tickets.events(ticket.id)).map((e) => `${e.action}:${e.actor.type}`)).toEqual([
      'dibuat:citizen', 'teruskan:system', 'ambil:staff', 'balas:staff', 'selesaikan:staff',
    ]);
  });

  it('refuses an illegal transition with a clear error and changes nothing', async () => {
    const n = await file();
    await expect(t.app.tickets.act(n, 'tutup', { actor: staff })).rejects.toThrow(IllegalTransitionError);
    await expect(t.app.tickets.act(n, 'tutup', { actor: staff })).rejects.toThrow(/Allowed now: ambil, proses, tolak, alihkan, batalkan/);
    expect((await t.app.store.tickets.getByNumber(n))!.state).toBe('diteruskan');
  });

  it('needs a reason to reject and an existing agency to reassign', async () => {
    const n = await file();
    await expect(t.app.tickets.act(n, 'tolak', { actor: staff })).rejects.toThrow(/needs a note/);
    await expect(t.app.tickets.act(n, 'alihkan', { actor: staff, agency: 'NOPE' })).rejects.toThrow(/unknown agency "NOPE"/);
    await t.app.tickets.act(n, 'alihkan', { actor: staff, agency: 'PUPR' });
    await t.app.worker.drain();
    expect(t.inbox('w1').join('\n')).toContain('dialihkan ke *Dinas Pekerjaan Umum');
  });

  it('keeps the event log append-only', async () => {
    await file();
    expect(() => sqliteDb(t.app.store).prepare('UPDATE ticket_events SET note = ?').run('x')).toThrow(/append-only/);
    expect(() => sqliteDb(t.app.store).prepare('DELETE FROM ticket_events').run()).toThrow(/append-only/);
  });

  it('gives short, unique numbers that are never reused', async () => {
    const a = await file('sampah numpuk', 'jalan a');
    const b = await file('lampu jalan mati', 'jalan b');
    expect([a, b]).toEqual(['BM-0001', 'BM-0002']);
    sqliteDb(t.app.store).prepare('DELETE FROM outbox').run();
    sqliteDb(t.app.store).prepare("DELETE FROM ticket_media").run();
    await t.restart();
    expect(await file('jalan rusak berlubang', 'jalan c')).toBe('BM-0003');
  });
});
