import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness.js';
import { settle, until, waImage, waMessage } from './fakes.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

describe('WhatsApp inbound: what the engine is told', () => {
  it('a citizen texts the city number → the engine gets the text with a stable id and who sent it', async () => {
    h = makeHarness();
    await h.startReady();
    const msg = waMessage({ body: '  jalan depan pasar bolong pak  ' });
    h.client.receive(msg);
    await settle();

    expect(h.inbound).toEqual([
      {
        channel: 'whatsapp',
        externalId: msg.id._serialized,
        sender: { address: '6281234567890@c.us', phone: '6281234567890', displayName: 'Bu Siti' },
        text: 'jalan depan pasar bolong pak',
        receivedAt: new Date(1_767_225_600 * 1000),
      },
    ]);
  });

  it('a citizen shares a map pin → the engine gets coordinates, name and address, never the thumbnail as text', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.receive(
      waMessage({
        type: 'location',
        body: '/9j/4AAQSkZJRgABAQAAAQABAAD', // WhatsApp puts a JPEG thumbnail in body
        location: { latitude: '-8.4606', longitude: '118.7270', name: 'Pasar Raya Bima', address: 'Jl. Soekarno-Hatta, Bima' },
      }),
    );
    await settle();

    expect(h.inbound).toHaveLength(1);
    expect(h.inbound[0]!.location).toEqual({ latitude: -8.4606, longitude: 118.727, name: 'Pasar Raya Bima', address: 'Jl. Soekarno-Hatta, Bima' });
    expect(h.inbound[0]!.text).toBeUndefined();
  });

  it('a dropped pin with a typed comment → location plus that comment as text; description fills a missing name/address', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.receive(
      waMessage({
        type: 'location',
        body: 'thumbnail',
        location: { latitude: -8.45, longitude: 118.72, description: 'Masjid Agung\nJl. Sultan Hasanuddin' },
        _data: { notifyName: 'Pak Anwar', comment: 'banjir di sini' },
      }),
    );
    await settle();

    expect(h.inbound[0]).toMatchObject({
      location: { latitude: -8.45, longitude: 118.72, name: 'Masjid Agung', address: 'Jl. Sultan Hasanuddin' },
      text: 'banjir di sini',
      sender: { displayName: 'Pak Anwar' },
    });
  });

  it('a citizen sends a photo with a caption → it is stored under the media dir with a generated name and attached', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.receive(waImage(120_000, { body: 'sampah numpuk 3 hari' }));
    await until(() => h.inbound.length === 1);

    const got = h.inbound[0]!;
    expect(got.text).toBe('sampah numpuk 3 hari');
    expect(got.media).toMatchObject({ kind: 'photo', mimeType: 'image/jpeg', bytes: 120_000 });
    const file = got.media!.path!;
    expect(path.dirname(file)).toBe(h.mediaDir);
    // The sender's file name ("../../etc/passwd.jpg") is never used.
    expect(path.basename(file)).toMatch(/^wa-20260101-[0-9a-f-]{36}\.jpg$/);
    const written = readFileSync(file);
    expect(written.length).toBe(120_000);
    expect(written[0]).toBe(0xff);
  });

  it('a citizen sends a photo of 9 MB → the engine is told it is too large and nothing is written', async () => {
    h = makeHarness();
    await h.startReady();
    const photo = waImage(9 * 1024 * 1024);
    h.client.receive(photo);
    await until(() => h.inbound.length === 1);

    expect(h.inbound[0]!.media).toEqual({ kind: 'photo', mimeType: 'image/jpeg', bytes: 9 * 1024 * 1024, rejectedReason: 'too_large' });
    expect(existsSync(h.mediaDir) ? readdirSync(h.mediaDir) : []).toEqual([]);
  });

  it('a 9 MB photo whose size WhatsApp announces is refused without downloading it', async () => {
    h = makeHarness();
    await h.startReady();
    const photo = waImage(9 * 1024 * 1024, { _data: { size: 9 * 1024 * 1024, mimetype: 'image/jpeg' } });
    h.client.receive(photo);
    await settle();

    expect(photo.downloads).toBe(0);
    expect(h.inbound[0]!.media).toMatchObject({ kind: 'photo', rejectedReason: 'too_large' });
  });

  it('a photo WhatsApp can no longer deliver → the engine is told the download failed', async () => {
    h = makeHarness();
    await h.startReady();
    const expired = waImage(1000);
    expired.downloadMedia = async () => undefined;
    const broken = waImage(1000);
    broken.downloadMedia = async () => {
      throw new Error('Evaluation failed');
    };
    h.client.receive(expired);
    h.client.receive(broken);
    await settle();

    expect(h.inbound.map((m) => m.media?.rejectedReason)).toEqual(['download_failed', 'download_failed']);
  });

  it('a photo sent "as document" is treated as a photo', async () => {
    h = makeHarness();
    await h.startReady();
    const doc = waImage(2000, { type: 'document', _data: { mimetype: 'image/png' } });
    h.client.receive(doc);
    await until(() => h.inbound.length === 1);
    expect(h.inbound[0]!.media).toMatchObject({ kind: 'photo', bytes: 2000 });
    expect(h.inbound[0]!.media!.path).toBeDefined();
  });

  it('voice notes, audio, video, stickers, documents and contact cards reach the engine as unsupported media without a file', async () => {
    h = makeHarness();
    await h.startReady();
    const types = ['ptt', 'audio', 'video', 'sticker', 'document', 'vcard', 'poll_creation'];
    for (const type of types) {
      const msg = waMessage({ type, hasMedia: type !== 'vcard' && type !== 'poll_creation', body: type === 'vcard' ? 'BEGIN:VCARD…' : '' });
      msg.downloadMedia = async () => {
        throw new Error('must not download unsupported media');
      };
      h.client.receive(msg);
    }
    await settle();

    expect(h.inbound.map((m) => m.media)).toEqual([
      { kind: 'voice' },
      { kind: 'audio' },
      { kind: 'video' },
      { kind: 'sticker' },
      { kind: 'document' },
      { kind: 'contact' },
      { kind: 'other' },
    ]);
    expect(h.inbound.every((m) => m.text === undefined)).toBe(true);
  });

  it('group chats, status updates, broadcasts, our own messages and WhatsApp notices never reach the engine', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.receive(waMessage({ from: '120363025246125244@g.us', author: '6281234567890@c.us', body: 'rapat RT jam 8' }));
    h.client.receive(waMessage({ from: 'status@broadcast', isStatus: true, body: 'story' }));
    h.client.receive(waMessage({ from: '1690000000@broadcast', broadcast: true, body: 'promo' }));
    h.client.receive(waMessage({ fromMe: true, body: 'balasan kita sendiri' }));
    h.client.receive(waMessage({ type: 'e2e_notification' }));
    h.client.receive(waMessage({ type: 'revoked' }));
    h.client.receive(waMessage({ from: '120363111111111111@newsletter', body: 'berita' }));
    h.client.receive(waMessage({ body: 'ini baru dari warga' }));
    await settle();

    expect(h.inbound.map((m) => m.text)).toEqual(['ini baru dari warga']);
  });

  it('WhatsApp delivers the same photo twice → the engine sees it once and it is downloaded once', async () => {
    h = makeHarness();
    await h.startReady();
    const photo = waImage(5000);
    h.client.receive(photo);
    h.client.receive({ ...photo }); // same serialized id, a new object as whatsapp-web.js would build
    await until(() => h.inbound.length === 1);
    h.client.receive(photo);
    h.client.receive(waMessage({ body: 'sesudahnya' }));
    await until(() => h.inbound.length === 2);

    expect(h.inbound.map((m) => m.text ?? m.media?.kind)).toEqual(['photo', 'sesudahnya']);
    expect(photo.downloads).toBe(1);
  });

  it('a photo and the text right after it reach the engine in the order they were sent, even if the download is slow', async () => {
    h = makeHarness();
    await h.startReady();
    const photo = waImage(1000);
    const fast = photo.downloadMedia;
    let release!: () => void;
    photo.downloadMedia = async () => {
      await new Promise<void>((r) => (release = r));
      return fast();
    };
    h.client.receive(photo);
    h.client.receive(waMessage({ body: 'itu fotonya pak' }));
    h.client.receive(waMessage({ from: '6289999999999@c.us', body: 'warga lain tidak menunggu' }));
    await settle();
    expect(h.inbound.map((m) => m.text)).toEqual(['warga lain tidak menunggu']);

    release();
    await until(() => h.inbound.length === 3);
    expect(h.inbound.map((m) => m.text ?? m.media?.kind)).toEqual(['warga lain tidak menunggu', 'photo', 'itu fotonya pak']);
  });

  it('an engine error on one message is logged and does not block the next', async () => {
    h = makeHarness();
    const seen: string[] = [];
    await h.channel.start(async (m) => {
      seen.push(m.text ?? '');
      if (m.text === 'boom') throw new Error('engine down');
    });
    h.client.becomeReady();
    h.client.receive(waMessage({ body: 'boom' }));
    h.client.receive(waMessage({ body: 'halo' }));
    await settle();

    expect(seen).toEqual(['boom', 'halo']);
    expect(h.logger.messages('error')).toContain('whatsapp: handling an incoming message failed');
  });
});

describe('WhatsApp inbound: one citizen whether WhatsApp shows a phone number or an @lid', () => {
  it('a sender arriving as @lid whose phone WhatsApp Web knows → canonical phone address, the @lid as alias', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.lidPairs.push({ lid: '215728940212345@lid', pn: '6281234567890@c.us' });
    h.client.receive(waMessage({ from: '215728940212345@lid', body: 'lampu jalan mati' }));
    await settle();

    expect(h.inbound[0]!.sender).toEqual({
      address: '6281234567890@c.us',
      aliases: ['215728940212345@lid'],
      phone: '6281234567890',
      displayName: 'Bu Siti',
    });
  });

  it('the same person later writes from the phone form → same address, the learnt @lid still listed, no new lookup', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.lidPairs.push({ lid: '215728940212345@lid', pn: '6281234567890@c.us' });
    h.client.receive(waMessage({ from: '215728940212345@lid', body: 'satu' }));
    await settle();
    h.client.receive(waMessage({ from: '6281234567890@c.us', body: 'dua' }));
    h.client.receive(waMessage({ from: '215728940212345@lid', body: 'tiga' }));
    await settle();

    expect(h.inbound.map((m) => m.sender.address)).toEqual(['6281234567890@c.us', '6281234567890@c.us', '6281234567890@c.us']);
    expect(h.inbound[1]!.sender.aliases).toEqual(['215728940212345@lid']);
    expect(h.client.lidLookups).toEqual(['215728940212345@lid']);
  });

  it('an @lid sender with no lookup falls back to the contact number', async () => {
    h = makeHarness();
    await h.startReady();
    const client = h.client as unknown as { getContactLidAndPhone?: unknown };
    client.getContactLidAndPhone = undefined; // older whatsapp-web.js
    h.client.receive(
      waMessage({
        from: '99887766554433@lid',
        body: 'air PDAM keruh',
        getContact: async () => ({ id: { _serialized: '99887766554433@lid' }, number: '+62 812-0000-1111', pushname: 'Mas Budi' }),
        _data: {},
      }),
    );
    await settle();

    expect(h.inbound[0]!.sender).toEqual({
      address: '6281200001111@c.us',
      aliases: ['99887766554433@lid'],
      phone: '6281200001111',
      displayName: 'Mas Budi',
    });
  });

  it('an @lid sender whose phone is hidden keeps the @lid as address, without a phone', async () => {
    h = makeHarness();
    await h.startReady();
    h.client.receive(
      waMessage({
        from: '11112222333344@lid',
        body: 'halo',
        getContact: async () => ({ id: { _serialized: '11112222333344@lid' }, number: '', pushname: 'Warga' }),
      }),
    );
    await settle();

    expect(h.inbound[0]!.sender).toEqual({ address: '11112222333344@lid', displayName: 'Bu Siti' });
  });
});
