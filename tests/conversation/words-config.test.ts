/**
 * prompts/words.yaml is validated like every prompts file, and an admin's new
 * word works at once in the running bot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const original = () => readFileSync('prompts/words.yaml', 'utf8');

describe('prompts/words.yaml and the city limits', () => {
  it('a word in both yes and no is refused with the list and the fix', () => {
    const r = t.app.prompts.check({ 'words.yaml': original().replace('yes: [ya,', 'yes: [tidak, ya,') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ file: 'words.yaml', path: expect.stringMatching(/^no\[\d+\]$/), message: expect.stringContaining('"tidak" is also in yes') });
  });

  it('punctuation in a word, an empty list and an unknown key are refused', () => {
    const r = t.app.prompts.check({ 'words.yaml': original().replace('skip: [lewati,', 'skip: ["lewati!",').replace(/^cancel: .*$/m, 'cancel: []') + '\nmaybe: [mungkin]\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(text).toContain('letters, digits and spaces only');
    expect(text).toMatch(/cancel/);
    expect(text).toMatch(/maybe/);
  });

  it('city limits: fewer tickets a day than an hour, or zero, are refused; left out, the defaults apply', () => {
    const city = readFileSync('prompts/city.yaml', 'utf8');
    const bad = t.app.prompts.check({ 'city.yaml': city.replace('tickets_per_day: 20', 'tickets_per_day: 2') });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.message).join('\n')).toContain('tickets_per_day must be at least tickets_per_hour');
    expect(t.app.prompts.check({ 'city.yaml': city.replace('tickets_per_hour: 5', 'tickets_per_hour: 0') }).ok).toBe(false);
    const defaults = t.app.prompts.check({ 'city.yaml': city.replace(/^limits:\n( {2}.*\n)+/m, '') });
    expect(defaults.ok && defaults.config.city.limits).toEqual({ tickets_per_hour: 5, tickets_per_day: 20 });
  });

  it('a missing words.yaml is reported', () => {
    const r = t.app.prompts.check({ 'words.yaml': undefined });
    expect(r.ok).toBe(false);
  });

  it('an emergency text for a category that is not an emergency is refused', () => {
    const replies = readFileSync('prompts/replies.yaml', 'utf8').replace('  emergency_filed:', '  emergency_sampah: "Telepon {nomor_darurat}"\n  emergency_filed:');
    const r = t.app.prompts.check({ 'replies.yaml': replies });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message).join('\n')).toContain('"sampah" is not an emergency category');
  });

  it('a yes word an admin adds ("mantul") confirms a report after the reload', async () => {
    writeFileSync(join(t.dir, 'prompts', 'words.yaml'), original().replace('yes: [ya,', 'yes: [mantul, ya,'));
    expect((await t.app.prompts.reload()).ok).toBe(true);
    await t.say('w', 'sampah numpuk di jalan sudirman dekat pasar udah seminggu');
    await t.say('w', 'lewati');
    expect((await t.say('w', 'mantul min')).join('\n')).toContain('BM-0001');
  });
});
