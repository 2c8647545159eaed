/**
 * The admin's command line for citizens' data: export, erase, block and the
 * retention run, on the real app and database.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPrivacyCommand } from '../../scripts/privacy-cli.js';
import { createTestApp, type TestApp, sqliteDb } from '../support/app.js';
import { fileTicket } from '../web/support.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => t.close());

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 1; i < args.length; i++) {
    if (args[i]!.startsWith('--')) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) opts[args[i]!.slice(2)] = 'true';
      else { opts[args[i]!.slice(2)] = next; i++; }
    } else positional.push(args[i]!);
  }
  const code = await runPrivacyCommand(t.app, args[0] as 'citizen' | 'retention', positional, opts, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

const auditActions = () => (sqliteDb(t.app.store).prepare('SELECT action FROM web_audit ORDER BY id').pluck().all() as string[]);

describe('npm run cli -- citizen …', () => {
  it('export prints everything stored about the reporter of a ticket, and the export is audited', async () => {
    const ticket = await fileTicket(t.app, { description: 'nama sy Siti, sampah di gang melati no 7' });
    const r = await cli('citizen', 'export', ticket.number);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { citizen: { phone: string }; tickets: { number: string; description: string; events: unknown[] }[] };
    expect(data.citizen.phone).toBe('6281234567890');
    expect(data.tickets[0]).toMatchObject({ number: ticket.number, description: 'nama sy Siti, sampah di gang melati no 7' });
    expect(data.tickets[0]!.events.length).toBeGreaterThan(0);
    expect(auditActions()).toContain('citizen_export');
  });

  it('erase needs --yes, then anonymises the citizen', async () => {
    const ticket = await fileTicket(t.app);
    await expect(cli('citizen', 'erase', ticket.number)).rejects.toThrow(/--yes/);
    expect((await cli('citizen', 'erase', ticket.number, '--yes')).code).toBe(0);
    expect(await t.app.store.citizens.get(ticket.citizenId)).toMatchObject({ phone: null, displayName: null });
    expect(await t.app.store.tickets.get(ticket.id)).toMatchObject({ category: 'sampah', description: '[dihapus atas permintaan warga]' });
    expect(auditActions()).toContain('citizen_erase');
  });

  it('block and unblock a sender, both in the audit log', async () => {
    const ticket = await fileTicket(t.app, { phone: '6285200001111' });
    await expect(cli('citizen', 'block', ticket.number)).rejects.toThrow(/--reason/);
    expect((await cli('citizen', 'block', ticket.number, '--reason', 'laporan palsu berulang')).code).toBe(0);
    expect((await cli('citizen', 'blocked')).out).toContain('memory:6285200001111@c.us');
    expect((await t.say('6285200001111@c.us', 'halo')).join('\n')).toContain('tidak kami proses');
    expect((await cli('citizen', 'unblock', 'memory:6285200001111@c.us')).code).toBe(0);
    expect(auditActions()).toEqual(expect.arrayContaining(['sender_block', 'sender_unblock']));
  });
});

describe('npm run cli -- retention run', () => {
  it('removes texts and photos of tickets closed longer ago than the setting; open and recent tickets keep theirs', async () => {
    const media = join(t.dir, 'media');
    mkdirSync(media, { recursive: true });
    const photo = join(media, 'lama.jpg');
    writeFileSync(photo, 'x');
    const old = await fileTicket(t.app, { description: 'jalan rusak lama' });
    await t.app.store.tickets.addMedia(old.id, { path: photo, kind: 'photo', source: 'citizen', addedAt: t.clock.now().toISOString() });
    await t.app.tickets.act(old.id, 'tolak', { actor: { type: 'admin', name: 'Admin' }, note: 'bukan wewenang kota' });
    t.clock.advance(40 * 86_400_000);
    const open = await fileTicket(t.app, { description: 'sampah baru' });
    const r = await cli('retention', 'run', '--days', '30');
    expect(r.out).toMatch(/1 closed ticket/);
    expect(await t.app.store.tickets.get(old.id)).toMatchObject({ state: 'ditolak', description: '[dihapus: melewati masa simpan]' });
    expect(existsSync(photo)).toBe(false);
    expect((await t.app.store.tickets.events(old.id)).every((e) => e.note === null)).toBe(true);
    expect((await t.app.store.tickets.get(open.id))!.description).toBe('sampah baru');
    await expect(cli('retention', 'run')).rejects.toThrow(/RETENTION_DAYS/);
  });
});
