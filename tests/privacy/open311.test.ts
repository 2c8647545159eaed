import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, fileTicket, startHarness, type WebHarness } from '../web/support.js';

let h: WebHarness;
let anon: Client;
beforeAll(async () => {
  h = await startHarness();
  anon = new Client(h.web.url);
});
afterAll(async () => h.close());

const LEAKS = ['(0812) 3456 7890', '0812 - 3456 - 7890', '0812/3456/7890', '+62 (812) 3456-7890', '０８１２３４５６７８９０',
  'nol delapan satu dua tiga empat lima enam tujuh delapan sembilan'];

async function published(number: string): Promise<Record<string, unknown> | undefined> {
  const list = await (await anon.get('/open311/v2/requests.json')).json() as Record<string, unknown>[];
  return list.find((r) => r.service_request_id === number);
}

describe('Open311 publishes only what the city chose, never a phone, a name or a house number', () => {
  it.each(LEAKS)('a citizen who wrote "%s" does not see it in requests.json', async (phone) => {
    const t = await fileTicket(h.app, { category: 'jalan_rusak', agency: 'PUPR', description: `jalan berlubang besar, hubungi saya ${phone}` });
    const one = await published(t.number);
    expect(one?.description).toBe('jalan berlubang besar, hubungi saya [nomor disembunyikan]');
  });

  it('hides a self-introduced name and the house number after the street', async () => {
    const t = await fileTicket(h.app, { category: 'sampah', agency: 'DLH', description: 'nama sy Siti Aminah, sampah di jl. datuk dibanta no 12 blm diangkut' });
    const one = await published(t.number);
    expect(one?.description).toBe('nama sy [nama disembunyikan], sampah di jl. datuk dibanta no [disembunyikan] blm diangkut');
    expect(JSON.stringify(one)).not.toContain('Siti');
  });

  it('never publishes health, social-aid or civil-registry complaints, nor RAHASIA tickets', async () => {
    const health = await fileTicket(h.app, { category: 'kesehatan', agency: 'DINKES', description: 'anak tetangga sy kena DBD' });
    const social = await fileTicket(h.app, { category: 'sosial', agency: 'DINSOS', description: 'bansos tidak sampai ke keluarga kami' });
    const secret = await fileTicket(h.app, { category: 'sampah', agency: 'DLH', confidential: true });
    for (const t of [health, social, secret]) {
      expect(await published(t.number)).toBeUndefined();
      expect((await anon.get(`/open311/v2/requests/${t.number}.json`)).status).toBe(404);
    }
  });

  it('publishes no text at all when the city sets publish.descriptions to none', async () => {
    const file = join(h.t.dir, 'prompts', 'city.yaml');
    const r = await h.app.prompts.apply({ 'city.yaml': readFileSync(file, 'utf8').replace('descriptions: redacted', 'descriptions: none') }, 'test');
    expect(r.ok).toBe(true);
    const t = await fileTicket(h.app, { category: 'jalan_rusak', agency: 'PUPR', description: 'jalan rusak parah' });
    const one = await published(t.number);
    expect(one).toMatchObject({ service_code: 'jalan_rusak', description: null });
    const bad = h.app.prompts.check({ 'city.yaml': readFileSync(file, 'utf8').replace('descriptions: none', 'descriptions: semua') });
    expect(bad.ok).toBe(false);
  });
});

describe('command-centre viewers see no phone number in any written form', () => {
  it.each(LEAKS)('"%s" is hidden on the board, the ticket page and the API for a viewer', async (phone) => {
    const viewer = await h.login('viewer');
    const t = await fileTicket(h.app, { category: 'jalan_rusak', agency: 'PUPR', description: `jalan rusak, hubungi ${phone}` });
    const pages = [await (await viewer.get('/')).text(), await (await viewer.get(`/tiket/${t.id}`)).text(), await (await viewer.get(`/api/tickets/${t.id}`)).text(),
      await (await viewer.get('/api/tickets')).text()];
    for (const p of pages) expect(p).not.toContain(phone);
    expect(pages[1]).toContain('[nomor disembunyikan]');
  });
});

