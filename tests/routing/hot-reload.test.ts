import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp({ env: { PROMPTS_WATCH: 'true' } }); });
afterEach(async () => { await t.close(); });

/** Waits for a condition set by the file watcher (no timing is asserted, only the outcome). */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('the prompts watcher did not react within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('an admin saves replies.yaml on disk: the running service answers with the new text; a broken save changes nothing', async () => {
  const file = join(t.dir, 'prompts', 'replies.yaml');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original.replace('Halo, selamat datang di', 'Selamat datang kembali di'));
  await eventually(() => t.app.prompts.current().replies.menu!.startsWith('Selamat datang kembali'));
  expect((await t.say('warga', 'halo'))[0]).toContain('Selamat datang kembali');

  const versions = (await t.app.prompts.history()).length;
  writeFileSync(file, 'replies: [this is: not: valid');
  await eventually(async () => (await t.app.store.outbox.list({})).some((r) => r.target.kind === 'desk' && r.target.payload.type === 'notice'));
  expect(t.app.prompts.current().replies.menu).toContain('Selamat datang kembali');
  expect(await t.app.prompts.history()).toHaveLength(versions);
});
