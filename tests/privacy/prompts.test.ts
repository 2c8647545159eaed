/**
 * Prompts that cannot take the service down: a refused edit on disk no longer
 * stops the next start (the last good stored version runs, loudly), and a
 * runaway file is refused before the YAML parser sees it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PROMPT_KEYS } from '../../adapters/prompts/limits.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
afterEach(async () => t.close());

const deskNotices = async (app: TestApp['app']) => (await app.store.outbox.list({ status: 'pending', limit: 50 }))
  .filter((r) => r.target.kind === 'desk' && r.target.agency === 'KOMINFO' && r.target.payload.type === 'notice')
  .map((r) => (r.target.kind === 'desk' && r.target.payload.type === 'notice' ? r.target.payload.text : ''));

describe('starting with invalid prompts on disk', () => {
  it.each([
    ['a YAML syntax error in replies.yaml', 'replies.yaml', (s: string) => `${s}\n  rusak: [`],
    ['city.yaml without its area code', 'city.yaml', () => 'name: [\n'],
  ])('%s: the service starts on the last good version and tells the command centre', async (_what, file, breakIt) => {
    t = await createTestApp();
    const path = join(t.dir, 'prompts', file);
    writeFileSync(path, breakIt(readFileSync(path, 'utf8')));
    await t.restart();
    expect(t.app.prompts.current().city.name).toBe('Kota Bima');
    expect(t.app.prompts.startupProblem()).toContain(`prompts/${file}`);
    expect((await deskNotices(t.app)).join('\n')).toContain('versi terakhir yang baik');
    // Citizens are still served.
    expect((await t.say('6281234567890@c.us', 'halo')).join('\n')).toContain('SuaraWarga');
  });
  it('a stored version older than words.yaml still starts, taking words.yaml from disk', async () => {
    t = await createTestApp();
    // The last good version as an older release stored it: no words.yaml yet.
    const files = { ...t.app.prompts.files() };
    delete files['words.yaml'];
    await t.app.store.promptVersions.insert({ appliedAt: new Date().toISOString(), author: 'older release', hash: 'older', files: files as Record<string, string>, diff: '' });
    const path = join(t.dir, 'prompts', 'replies.yaml');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n  rusak: [`);
    await t.restart();
    expect(t.app.prompts.startupProblem()).toContain('prompts/replies.yaml');
    expect((await t.say('6281234567890@c.us', 'halo')).join('\n')).toContain('SuaraWarga');
  });
});

describe('a runaway prompts file', () => {
  it('a 380 KB YAML with 40,000 keys is refused by the key bound, before parsing', async () => {
    t = await createTestApp();
    const text = `replies:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`;
    expect(text.length).toBeGreaterThan(380_000);
    const r = t.app.prompts.check({ 'replies.yaml': text });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ file: 'replies.yaml', path: '', message: expect.stringContaining(`more than ${MAX_PROMPT_KEYS} keys`) }]);
    // Keys in a flow map count too, and a refused save changes nothing.
    const flow = await t.app.prompts.apply({ 'categories.yaml': `categories:\n  - {${Array.from({ length: MAX_PROMPT_KEYS + 1 }, (_, i) => `k${i}: 1`).join(', ')}}\n` }, 'test');
    expect(flow.ok ? '' : flow.message).toContain(`more than ${MAX_PROMPT_KEYS} keys`);
    expect(t.app.prompts.current().categories.length).toBeGreaterThan(10);
  });

  it('the shipped files are well within the bound', async () => {
    t = await createTestApp();
    expect(t.app.prompts.check({}).ok).toBe(true);
  });
});
