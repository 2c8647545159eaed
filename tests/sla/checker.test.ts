import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slaDeadlines, slaHours } from '../../core/sla/checker.js';
import type { TestApp } from '../support/app.js';
import { createDeskApp, FakeDesk, fileTicket, STAFF, wita } from '../outbox/support.js';

let t: TestApp;
let desk: FakeDesk;
beforeEach(async () => { ({ t, desk } = await createDeskApp()); });
afterEach(async () => { await t.close(); });

const WARGA = 'warga-1';
const check = async () => {
  const round = await t.app.sla.runOnce();
  await t.app.worker.drain();
  return round;
};
const ticket = async (id: number) => (await t.app.store.tickets.get(id))!;

describe('service-level clocks in working hours', () => {
  it('reminds the agency desk at 75 % of the take window, escalates at the deadline, and never repeats either', async () => {
    t.clock.set(wita('2026-11-23T10:00')); // Monday; DLH has 24 working hours (3 days) to take it
    const tk = await fileTicket(t, WARGA, 'sampah');
    expect(slaDeadlines(tk, t.app.prompts.current(), t.clock.now())).toEqual({ takeBy: wita('2026-11-26T10:00'), resolveBy: null, overdue: false });

    t.clock.set(wita('2026-11-25T11:59'));
    expect(await check()).toEqual({ reminders: 0, escalations: 0, closed: 0 });
    t.clock.set(wita('2026-11-25T12:00')); // 18 working hours
    expect(await check()).toEqual({ reminders: 1, escalations: 0, closed: 0 });
    expect(desk.notices('DLH')).toEqual([`⏰ Pengingat: laporan ${tk.number} belum diambil. Batas waktu mengambil: 26/11/2026 10.00 WITA.`]);
    expect(await check()).toEqual({ reminders: 0, escalations: 0, closed: 0 });

    t.clock.set(wita('2026-11-26T10:00'));
    expect(await check()).toEqual({ reminders: 0, escalations: 1, closed: 0 });
    expect((await ticket(tk.id)).escalationLevel).toBe(1);
    expect(desk.notices('KOMINFO')).toEqual([`🚨 Eskalasi level 1: laporan ${tk.number} (Dinas Lingkungan Hidup) melewati batas waktu mengambil (26/11/2026 10.00 WITA).`]);
    expect(desk.notices('DLH')).toHaveLength(2);
    expect(slaDeadlines(await ticket(tk.id), t.app.prompts.current(), t.clock.now()).overdue).toBe(true);
    t.clock.set(wita('2026-12-10T10:00'));
    expect(await check()).toEqual({ reminders: 0, escalations: 0, closed: 0 });
    expect((await t.app.store.tickets.events(tk.id)).filter((e) => e.action === 'eskalasi')).toHaveLength(1);
  });

  it('does not count the weekend: filed Friday 15:00, PDAM (8 h) is overdue Monday 15:00', async () => {
    t.clock.set(wita('2026-11-27T15:00'));
    const tk = await fileTicket(t, WARGA, 'air_bersih');
    expect(slaDeadlines(tk, t.app.prompts.current()).takeBy).toBe(wita('2026-11-30T15:00'));
    for (const at of ['2026-11-27T23:00', '2026-11-28T15:00', '2026-11-29T23:59', '2026-11-30T12:59']) {
      t.clock.set(wita(at));
      expect(await check(), at).toEqual({ reminders: 0, escalations: 0, closed: 0 });
    }
    t.clock.set(wita('2026-11-30T13:00'));
    expect((await check()).reminders).toBe(1);
    t.clock.set(wita('2026-11-30T14:59'));
    expect((await check()).escalations).toBe(0);
    t.clock.set(wita('2026-11-30T15:00'));
    expect((await check()).escalations).toBe(1);
  });

  it('does not count holidays: filed Wednesday 23 Dec 15:00, cuti bersama, Christmas and the weekend pass, overdue Monday 28 Dec 15:00', async () => {
    t.clock.set(wita('2026-12-23T15:00'));
    const tk = await fileTicket(t, WARGA, 'air_bersih');
    expect(slaDeadlines(tk, t.app.prompts.current()).takeBy).toBe(wita('2026-12-28T15:00'));
    t.clock.set(wita('2026-12-25T15:00'));
    expect(await check()).toEqual({ reminders: 0, escalations: 0, closed: 0 });
    t.clock.set(wita('2026-12-28T15:00'));
    expect((await check()).escalations).toBe(1);
  });

  it('an emergency clock runs round the clock: a fire on Saturday night is overdue an hour later', async () => {
    t.clock.set(wita('2026-11-28T22:00'));
    const tk = await fileTicket(t, WARGA, 'kebakaran');
    expect(slaDeadlines(tk, t.app.prompts.current()).takeBy).toBe(wita('2026-11-28T23:00'));
    t.clock.set(wita('2026-11-28T23:00'));
    expect(await check()).toEqual({ reminders: 0, escalations: 1, closed: 0 });
  });

  it('a checker that was down past the deadline escalates straight away instead of reminding late', async () => {
    const tk = await fileTicket(t, WARGA, 'sampah');
    t.clock.set(wita('2026-12-01T10:00'));
    expect(await check()).toEqual({ reminders: 0, escalations: 1, closed: 0 });
    expect(desk.notices('DLH').some((n) => n.includes('Pengingat'))).toBe(false);
    expect((await ticket(tk.id)).slaNotice).toBe('take_overdue');
  });

  it('taking the ticket starts the resolve clock; clocks survive a restart and notices are not repeated', async () => {
    t.clock.set(wita('2026-11-23T10:00'));
    const tk = await fileTicket(t, WARGA, 'sampah');
    t.clock.set(wita('2026-11-25T12:00'));
    await check(); // take reminder
    t.clock.set(wita('2026-11-25T13:00'));
    await t.app.tickets.act(tk.id, 'ambil', { actor: STAFF }); // DLH: 40 working hours (5 days) to resolve
    const taken = await ticket(tk.id);
    expect(slaDeadlines(taken, t.app.prompts.current(), t.clock.now())).toEqual({ takeBy: null, resolveBy: wita('2026-12-02T13:00'), overdue: false });

    t.clock.set(wita('2026-12-01T11:00')); // 30 working hours
    expect((await check()).reminders).toBe(1);
    expect(desk.notices('DLH').at(-1)).toBe(`⏰ Pengingat: laporan ${tk.number} harus diselesaikan sebelum 02/12/2026 13.00 WITA.`);

    await t.restart();
    desk = new FakeDesk();
    t.app.setDesk(desk);
    expect(await check()).toEqual({ reminders: 0, escalations: 0, closed: 0 });
    t.clock.set(wita('2026-12-02T13:00'));
    expect(await check()).toEqual({ reminders: 0, escalations: 1, closed: 0 });
    expect(desk.notices('KOMINFO')[0]).toContain('melewati batas waktu menyelesaikan');
  });

  it('reassignment starts a fresh take clock at the new agency', async () => {
    t.clock.set(wita('2026-11-23T10:00'));
    const tk = await fileTicket(t, WARGA, 'sampah');
    t.clock.set(wita('2026-11-26T10:00'));
    expect((await check()).escalations).toBe(1);
    await t.app.tickets.act(tk.id, 'alihkan', { actor: STAFF, agency: 'PUPR' });
    expect(slaDeadlines(await ticket(tk.id), t.app.prompts.current()).takeBy).toBe(wita('2026-12-01T10:00'));
    expect(await check()).toEqual({ reminders: 0, escalations: 0, closed: 0 });
  });

  it('a category may override its agency\'s hours', () => {
    const cfg = structuredClone(t.app.prompts.current());
    expect(slaHours({ agency: 'PUPR', category: 'jalan_rusak' }, cfg)).toEqual({ take: 24, resolve: 120 });
    cfg.categories.find((c) => c.id === 'jalan_rusak')!.sla = { resolve_hours: 16 };
    expect(slaHours({ agency: 'PUPR', category: 'jalan_rusak' }, cfg)).toEqual({ take: 24, resolve: 16 });
    expect(slaHours({ agency: 'GONE', category: 'jalan_rusak' }, cfg)).toEqual({ take: 8, resolve: 16 });
  });
});
