import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const promptsFile = (name: string) => join(t.dir, 'prompts', name);
const edit = (name: string, fn: (s: string) => string) => writeFileSync(promptsFile(name), fn(readFileSync(promptsFile(name), 'utf8')));

describe('admins edit prompts/ safely', () => {
  it('refuses a rule naming an unknown agency, with file, path and what is expected', () => {
    const r = t.app.prompts.check({ 'routing.yaml': 'rules:\n  - name: ke-dinas-salah\n    when: { category: sampah }\n    agency: DLHX\n' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ file: 'routing.yaml', path: 'rules[0].agency', message: expect.stringContaining('unknown agency "DLHX"; expected one of KOMINFO, DLH') });
  });

  it('refuses unknown categories and kecamatan in rules, and rules that can never match', () => {
    const r = t.app.prompts.check({ 'routing.yaml': `rules:
  - name: semua-sampah
    when: { category: sampah }
    agency: DLH
  - name: sampah-asakota
    when: { category: sampah, kecamatan: [Asakota] }
    agency: PUPR
  - name: salah-ketik
    when: { category: sampahh, kecamatan: [Asakotta] }
    agency: DLH
` });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join('\n');
    expect(text).toContain('rules[1]: rule "sampah-asakota" can never match: rule "semua-sampah"');
    expect(text).toContain('rules[2].when.category: unknown category "sampahh"');
    expect(text).toContain('rules[2].when.kecamatan[0]: unknown kecamatan "Asakotta"');
  });

  it('refuses a reply that lost a placeholder it needs, or uses one the bot never fills', () => {
    const replies = readFileSync('prompts/replies.yaml', 'utf8')
      .replace('Nomor laporan: *{nomor}*', 'Nomor laporan: (lihat pesan)').replace('{nomor}) dan', '{nomor}) dan').replace('Status: *{status}*', 'Status: *{statusnya}*');
    const r = t.app.prompts.check({ 'replies.yaml': replies });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual(expect.objectContaining({ file: 'replies.yaml', path: 'replies.status_one', message: 'must contain the placeholder {status}' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ path: 'replies.status_one', message: expect.stringContaining('unknown placeholder {statusnya}') }));
  });

  it('reports malformed YAML with its line, duplicate ids, and oversized files', () => {
    const bad = t.app.prompts.check({ 'agencies.yaml': 'agencies:\n  - code: DLH\n    name: [unclosed\n' });
    expect(bad.ok || bad.issues[0]).toMatchObject({ file: 'agencies.yaml', path: expect.stringMatching(/^line \d+/), message: expect.stringContaining('not valid YAML') });
    const dup = t.app.prompts.check({ 'categories.yaml': readFileSync('prompts/categories.yaml', 'utf8').replace('- id: lainnya', '- id: sampah') });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.issues.map((i) => i.message).join('\n')).toMatch(/duplicate category id "sampah"[\s\S]*"lainnya" is required/);
    const huge = t.app.prompts.check({ 'faq.yaml': `faq: []\n#${'x'.repeat(5 * 1024 * 1024)}` });
    expect(huge.ok || huge.issues[0]!.message).toMatch(/at most \d+ are accepted/);
  });

  it('hot reload applies a good edit at once and keeps the last good configuration on a bad one', async () => {
    edit('replies.yaml', (s) => s.replace('Halo, selamat datang di', 'Salam sejahtera, selamat datang di'));
    expect(await t.app.prompts.reload('tester')).toMatchObject({ ok: true, changed: true });
    expect((await t.say('w', 'halo'))[0]).toContain('Salam sejahtera');

    edit('agencies.yaml', (s) => s.replace('code: DLH', 'code: dlh'));
    const refused = await t.app.prompts.reload('tester');
    expect(refused.ok).toBe(false);
    expect((await t.say('w', 'halo'))[0]).toContain('Salam sejahtera');
    await t.app.worker.drain();
    // The command centre desk is told (queued for the desk channel).
    const notice = (await t.app.store.outbox.list({})).find((r) => r.target.kind === 'desk' && r.target.payload.type === 'notice');
    expect(notice?.target.kind === 'desk' && notice.target.payload.type === 'notice' && notice.target.payload.text).toContain('agencies.yaml');

    rmSync(promptsFile('faq.yaml'));
    const deleted = await t.app.prompts.reload('tester');
    expect(deleted.ok || deleted.message).toContain('faq.yaml: file is missing');
    expect(t.app.prompts.current().faq.length).toBeGreaterThan(0);
  });

  it('keeps every applied version with a diff, and rolls back', async () => {
    const before = t.app.prompts.current().hash;
    const applied = await t.app.prompts.apply({ 'city.yaml': readFileSync(promptsFile('city.yaml'), 'utf8').replace('emergency_number: "112"', 'emergency_number: "113"') }, 'budi');
    expect(applied).toMatchObject({ ok: true, changed: true, version: { author: 'budi' } });
    const history = await t.app.prompts.history();
    expect(history).toHaveLength(2);
    expect(history[0]!.diff).toContain('-emergency_number: "112"');
    expect(history[0]!.diff).toContain('+emergency_number: "113"');
    expect(readFileSync(promptsFile('city.yaml'), 'utf8')).toContain('"113"');

    const rolled = await t.app.prompts.rollback(history[1]!.id, 'budi');
    expect(rolled.ok).toBe(true);
    expect(t.app.prompts.current().hash).toBe(before);
    expect(t.app.prompts.current().city.emergency_number).toBe('112');
    expect(await t.app.prompts.history()).toHaveLength(3);
  });
});
