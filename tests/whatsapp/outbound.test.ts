import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import wwebjs from 'whatsapp-web.js';
import { afterEach, describe, expect, it } from 'vitest';
import { TransientSendError } from '../../core/ports.js';
import { InvalidRecipientError } from '../../bots/whatsapp/outbound.js';
import { makeHarness, type Harness } from './harness.js';
import { settle } from './fakes.js';

const { MessageMedia, Location } = wwebjs;

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

describe('WhatsApp outbound: what the citizen receives', () => {
  it('a status update is sent as plain text to the citizen chat, without link previews, and returns WhatsApp’s id', async () => {
    h = makeHarness();
    await h.startReady();
    const result = await h.channel.send({ to: '6281234567890@c.us', text: 'Laporan SW-0012 sedang diproses Dinas PUPR.' });

    expect(h.client.sent).toHaveLength(1);
    expect(h.client.sent[0]).toMatchObject({
      chatId: '6281234567890@c.us',
      content: 'Laporan SW-0012 sedang diproses Dinas PUPR.',
      options: { linkPreview: false },
    });
    expect(result).toEqual({ externalId: 'true_6281234567890@c.us_SENT1' });
  });

  it('choices become numbered lines after the text (WhatsApp Web has no buttons)', async () => {
    h = makeHarness();
    await h.startReady();
    await h.channel.send({
      to: '6281234567890@c.us',
      text: 'Apakah masalahnya sudah beres?',
      choices: [
        { id: 'beres', label: 'Sudah beres' },
        { id: 'belum', label: 'Belum beres' },
      ],
    });

    expect(h.client.sent[0]!.content).toBe('Apakah masalahnya sudah beres?\n\n1. Sudah beres\n2. Belum beres');
  });

  it('a photo is sent as media with the text (and choices) as its caption', async () => {
    h = makeHarness();
    await h.startReady();
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-wa-photo-'));
    const photo = path.join(dir, 'bukti.jpg');
    writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));

    await h.channel.send({ to: '6281234567890@c.us', text: 'Sudah diperbaiki, ini fotonya.', photoPath: photo, choices: [{ id: 'ok', label: 'Terima kasih' }] });

    const sent = h.client.sent[0]!;
    expect(sent.content).toBeInstanceOf(MessageMedia);
    const media = sent.content as InstanceType<typeof MessageMedia>;
    expect(media.mimetype).toBe('image/jpeg');
    expect(Buffer.from(media.data, 'base64')).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    expect(sent.options).toEqual({ caption: 'Sudah diperbaiki, ini fotonya.\n\n1. Terima kasih' });
  });

  it('a photo that vanished from disk does not lose the update: the text goes alone and a warning is logged', async () => {
    h = makeHarness();
    await h.startReady();
    await h.channel.send({ to: '6281234567890@c.us', text: 'Sudah diperbaiki.', photoPath: '/nonexistent/bukti.jpg' });

    expect(h.client.sent.map((s) => s.content)).toEqual(['Sudah diperbaiki.']);
    expect(h.logger.messages('warn')).toContain('whatsapp: photo to send is missing or unreadable; sending the text alone');
  });

  it('a location is sent as a WhatsApp map pin after the text, paced like any other message', async () => {
    h = makeHarness();
    await h.startReady();
    const sending = h.channel.send({
      to: '6281234567890@c.us',
      text: 'Kantor Dinas PUPR:',
      location: { latitude: -8.46, longitude: 118.72, name: 'Dinas PUPR', address: 'Jl. Gajah Mada' },
    });
    await h.timers.advance(3000);
    await sending;

    expect(h.client.sent).toHaveLength(2);
    expect(h.client.sent[0]!.content).toBe('Kantor Dinas PUPR:');
    const pin = h.client.sent[1]!.content as InstanceType<typeof Location>;
    expect(pin).toBeInstanceOf(Location);
    expect(pin).toMatchObject({ latitude: -8.46, longitude: 118.72, name: 'Dinas PUPR', address: 'Jl. Gajah Mada' });
    expect(h.client.sent[1]!.at - h.client.sent[0]!.at).toBe(1500 + 750);
  });

  it('a bare phone number is accepted as recipient; a group is refused as a permanent error', async () => {
    h = makeHarness();
    await h.startReady();
    await h.channel.send({ to: '+62 812-3456-7890', text: 'halo' });
    expect(h.client.sent[0]!.chatId).toBe('6281234567890@c.us');

    const err = await h.channel.send({ to: '120363025246125244@g.us', text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRecipientError);
    expect(err).not.toBeInstanceOf(TransientSendError);
  });
});

describe('WhatsApp outbound: pacing so the number does not look like a spam bot', () => {
  it('ten updates queued at once leave one by one, each at least the minimum gap plus jitter after the previous', async () => {
    h = makeHarness({ minGapMs: 1500, jitterMs: 1500 }, () => 0.5);
    await h.startReady();
    const done: number[] = [];
    const sends = Array.from({ length: 10 }, (_, i) =>
      h.channel.send({ to: `62812000000${String(i).padStart(2, '0')}@c.us`, text: `update ${i}` }).then(() => done.push(i)),
    );
    await settle();
    // Only the first went out at once; the rest wait and the outbox still waits on them.
    expect(h.client.sent).toHaveLength(1);
    expect(done).toEqual([0]);
    expect(h.channel.health().details).toMatchObject({ queueLength: 9 });

    await h.timers.advance(10 * 2250);
    await Promise.all(sends);
    const times = h.client.sent.map((s) => s.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toEqual(Array(9).fill(2250));
    expect(h.client.sent.map((s) => s.content)).toEqual(Array.from({ length: 10 }, (_, i) => `update ${i}`));
    expect(h.channel.health().details).toMatchObject({ queueLength: 0 });
  });

  it('jitter varies the gap between minGap and minGap + jitter', async () => {
    const draws = [0, 0.99, 0.2];
    h = makeHarness({ minGapMs: 1000, jitterMs: 2000 }, () => draws.shift() ?? 0);
    await h.startReady();
    const sends = [1, 2, 3, 4].map((i) => h.channel.send({ to: '6281234567890@c.us', text: `m${i}` }));
    await h.timers.advance(20_000);
    await Promise.all(sends);
    const times = h.client.sent.map((s) => s.at);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([1000, 2980, 1400]);
  });

  it('a message is never sent while the previous one is still in flight, and send() resolves only once WhatsApp accepted it', async () => {
    h = makeHarness({ minGapMs: 0, jitterMs: 0 });
    await h.startReady();
    h.client.holdSends = true;
    let firstDone = false;
    const first = h.channel.send({ to: '6281234567890@c.us', text: 'satu' }).then(() => (firstDone = true));
    const second = h.channel.send({ to: '6281234567890@c.us', text: 'dua' });
    await settle();
    expect(h.client.waiting).toBe(1);
    expect(firstDone).toBe(false);

    h.client.releaseOne();
    await first;
    await settle();
    expect(h.client.waiting).toBe(1); // now the second one, only after the first finished
    h.client.releaseOne();
    await second;
    expect(h.client.sent.map((s) => s.content)).toEqual(['satu', 'dua']);
  });
});

describe('WhatsApp outbound: failures go back to the outbox', () => {
  it('sending before WhatsApp is ready throws a TransientSendError (the outbox retries later)', async () => {
    h = makeHarness();
    await h.channel.start(async () => {});
    const err = await h.channel.send({ to: '6281234567890@c.us', text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientSendError);
    expect((err as Error).message).toMatch(/not connected \(state: starting\)/);
    expect(h.client.sent).toEqual([]);
  });

  it('WhatsApp Web throwing on send becomes a TransientSendError carrying the cause', async () => {
    h = makeHarness();
    await h.startReady();
    const cause = new Error('Evaluation failed: t: t');
    h.client.sendError = cause;
    const err = await h.channel.send({ to: '6281234567890@c.us', text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientSendError);
    expect((err as TransientSendError).cause).toBe(cause);
    expect(h.channel.health().lastError).toBe('send: Evaluation failed: t: t');
  });

  it('WhatsApp refuses the phone address with "No LID for user" → the message goes to the citizen’s @lid instead', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.lidPairs.push({ lid: '215728940212345@lid', pn: '6281234567890@c.us' });
    const realSend = h.client.sendMessage.bind(h.client);
    h.client.sendMessage = async (chatId, content, options) => {
      if (chatId.endsWith('@c.us')) throw new Error('Evaluation failed: Error: No LID for user');
      return realSend(chatId, content, options);
    };
    const result = await h.channel.send({ to: '6281234567890@c.us', text: 'Laporan diterima.' });
    expect(h.client.sent.map((s) => [s.chatId, s.content])).toEqual([['215728940212345@lid', 'Laporan diterima.']]);
    expect(result.externalId).toContain('215728940212345@lid');

    h.client.lidPairs.length = 0;
    const failing = h.channel.send({ to: '6289999999999@c.us', text: 'x' }).catch((e: unknown) => e);
    await h.timers.advance(3000);
    expect(await failing).toBeInstanceOf(TransientSendError);
  });

  it('messages waiting in the queue when the phone disconnects are handed back as transient failures, not dropped', async () => {
    h = makeHarness();
    await h.startReady();
    const results = [1, 2, 3].map((i) =>
      h.channel.send({ to: '6281234567890@c.us', text: `m${i}` }).then(
        () => 'sent',
        (e: unknown) => (e instanceof TransientSendError ? 'retry' : 'lost'),
      ),
    );
    await settle();
    const first = h.client;
    first.emit('disconnected', 'NAVIGATION');
    await h.timers.advance(5000);

    expect(await Promise.all(results)).toEqual(['sent', 'retry', 'retry']);
    expect(first.sent.map((s) => s.content)).toEqual(['m1']);
    expect(h.clients).toHaveLength(2); // and a fresh client is on its way
  });

  it('stop() fails queued sends as transient so they are retried after restart', async () => {
    h = makeHarness();
    await h.startReady();
    const a = h.channel.send({ to: '6281234567890@c.us', text: 'a' });
    const b = h.channel.send({ to: '6281234567890@c.us', text: 'b' }).catch((e: unknown) => e);
    await a;
    await h.channel.stop();
    expect(await b).toBeInstanceOf(TransientSendError);
    expect(await h.channel.send({ to: '6281234567890@c.us', text: 'c' }).catch((e: unknown) => e)).toBeInstanceOf(TransientSendError);
  });
});
