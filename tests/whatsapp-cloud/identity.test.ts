import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build.js';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../adapters/logging/logger.js';
import { createWhatsAppChannel } from '../../bots/whatsapp/index.js';
import { FakeClock, tempWorkspace } from '../support/app.js';
import { FakeWhatsAppClient, until, waMessage } from '../whatsapp/fakes.js';
import { text } from './fake-graph.js';
import { createCloudHarness, type CloudHarness } from './harness.js';

let h: CloudHarness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

/** A citizen reports through the whatsapp-web.js pilot (real adapter, fake WhatsApp Web client). */
async function reportThroughPilot(dir: { dir: string; promptsDir: string; dbPath: string }, from: string): Promise<string[]> {
  const config = loadConfig({
    DATABASE_PATH: dir.dbPath, PROMPTS_DIR: dir.promptsDir, MEDIA_DIR: `${dir.dir}/media`, PROMPTS_WATCH: 'false', LOG_LEVEL: 'silent', WEB_ENABLED: 'false',
  });
  const app = await buildApp(config, { clock: new FakeClock(), logger: createLogger('silent'), runWorker: false });
  const client = new FakeWhatsAppClient();
  app.addChannel(createWhatsAppChannel({
    sessionDir: `${dir.dir}/session`, mediaDir: `${dir.dir}/media`, minGapMs: 0, jitterMs: 0, printQr: false, clientFactory: () => client,
  }, { logger: app.logger, clock: app.clock }));
  await app.start();
  client.becomeReady();
  const say = async (body: string) => {
    const n = await app.store.messages.countInbound();
    client.receive(waMessage({ from, body }));
    await until(async () => (await app.store.messages.countInbound()) > n);
    await app.worker.drain();
  };
  await say('lampu jalan mati di jalan gatot subroto');
  await say('depan kantor pos');
  await say('lewati');
  await say('ya');
  const said = client.sent.map((s) => String(s.content));
  await app.stop();
  return said;
}

describe('a citizen who used the QR pilot keeps their reports on the Cloud API number', () => {
  it('sees the ticket filed through the pilot with "laporan saya", and its updates reach them through the Cloud API', async () => {
    const ws = tempWorkspace();
    const pilotSaid = await reportThroughPilot(ws, '6281234567890@c.us');
    expect(pilotSaid.join('\n')).toContain('BM-0001');

    h = await createCloudHarness({ dir: ws.dir });
    const answer = await h.post(text({ waId: '6281234567890', name: 'Siti' }, 'laporan saya'), '6281234567890');
    expect(answer.map((m) => m.text).join('\n')).toContain('BM-0001');
    expect((await h.app.store.citizens.findByAddress('whatsapp', '6281234567890@c.us'))!.id).toBe((await h.app.store.tickets.getByNumber('BM-0001'))!.citizenId);

    await h.app.tickets.act('BM-0001', 'ambil', { actor: { type: 'staff', id: '9', name: 'Andi' } });
    const before = h.graph.sent.length;
    await h.flush();
    expect(h.graph.sent.slice(before).map((m) => m.to)).toEqual(['6281234567890']);
  });
});

describe('the business-scoped user id', () => {
  it('is the same citizen when a later webhook hides the phone number, and replies still go to the number', async () => {
    h = await createCloudHarness();
    await h.post(text({ waId: '6285712345678', userId: 'ID.1502576394655843', name: 'Rudi' }, 'halo'));
    const got = await h.post(text({ waId: '6285712345678', userId: 'ID.1502576394655843', hidePhone: true }, 'laporan saya'));
    expect(got.map((m) => m.to)).toEqual(['6285712345678']);
    const citizen = (await h.app.store.citizens.findByAddress('whatsapp', 'ID.1502576394655843@bsuid'))!;
    expect(citizen.address).toBe('6285712345678@c.us');
  });

  it('reaches a citizen known only by it through the "recipient" field', async () => {
    h = await createCloudHarness();
    const got = await h.post(text({ waId: '', userId: 'ID.9988776655443322', hidePhone: true, name: 'Anon' }, 'halo'));
    expect(got.length).toBeGreaterThan(0);
    expect(got[0]).toMatchObject({ to: undefined, recipient: 'ID.9988776655443322' });
  });
});
