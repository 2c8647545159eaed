import { describe, expect, it } from 'vitest';
import { renderParts, recipientOf, splitText, UnreachableAddressError, type MessageBody } from '../../bots/whatsapp-cloud/outbound.js';
import type { OutboundMessage } from '../../core/ports.js';

const render = (m: Omit<OutboundMessage, 'to'>) =>
  renderParts({ to: '628@c.us', ...m }, { listButton: 'Pilih jawaban' }).map((p) => (p.kind === 'body' ? p.body : { type: 'upload', ...p } as MessageBody));
const choices = (n: number, label = (i: number) => `Pilihan ${i + 1}`) => Array.from({ length: n }, (_, i) => ({ id: `c:${i + 1}`, label: label(i) }));

describe('what the citizen sees for a question with choices', () => {
  it.each([
    ['2 short choices', choices(2), 'button'],
    ['3 short choices', choices(3), 'button'],
    ['4 choices', choices(4), 'list'],
    ['10 choices', choices(10), 'list'],
    ['3 choices, one longer than 20 characters', choices(3, (i) => (i === 0 ? 'Jalan rusak / berlubang' : `Pilihan ${i}`)), 'list'],
    ['11 choices', choices(11), 'text'],
    ['a label longer than 72 characters', choices(2, (i) => (i ? 'x'.repeat(80) : 'Ya')), 'text'],
    ['two labels that are the same', [{ id: 'a', label: 'Ya' }, { id: 'b', label: 'Ya' }], 'text'],
  ])('%s → %s', (_, cs, kind) => {
    const [body] = render({ text: 'Kirim laporan ini?', choices: cs });
    if (kind === 'text') {
      expect(body).toMatchObject({ type: 'text' });
      const shown = (body!.text as { body: string }).body;
      cs.forEach((c, i) => expect(shown).toContain(`${i + 1}. ${c.label}`));
    } else {
      expect(body).toMatchObject({ type: 'interactive', interactive: { type: kind, body: { text: 'Kirim laporan ini?' } } });
    }
  });

  it('keeps list rows within WhatsApp\'s limits: title ≤ 24, the full label as description ≤ 72', () => {
    const [body] = render({ text: 'Termasuk yang mana?', choices: choices(5, (i) => `Kategori nomor ${i + 1} yang panjang sekali`) });
    const rows = ((body!.interactive as { action: { sections: { rows: { title: string; description?: string }[] }[] } }).action.sections[0]!.rows);
    for (const r of rows) {
      expect(r.title.length).toBeLessThanOrEqual(24);
      expect(r.description!.length).toBeLessThanOrEqual(72);
    }
    expect((body!.interactive as { action: { button: string } }).action.button).toBe('Pilih jawaban');
  });

  it('sends a question longer than 1024 characters as text first, then the buttons with the last part', () => {
    const long = `${'Paragraf panjang. '.repeat(70)}\n\nKirim laporan ini?`;
    const bodies = render({ text: long, choices: choices(2) });
    expect(bodies.map((b) => b.type)).toEqual(['text', 'interactive']);
    expect(((bodies[1]!.interactive as { body: { text: string } }).body.text).length).toBeLessThanOrEqual(1024);
  });
});

describe('long text, photos and pins', () => {
  it('splits text over 4096 characters at line breaks without losing any of it', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Baris ke-${i + 1} dari catatan petugas.`).join('\n');
    const pieces = splitText(lines, 4096);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= 4096)).toBe(true);
    expect(pieces.join('\n')).toBe(lines);
  });

  it('puts a short update as the caption of its photo', () => {
    expect(render({ text: 'Laporan BM-0001 selesai.', photoPath: '/x/a.jpg' })).toEqual([{ type: 'upload', kind: 'image', path: '/x/a.jpg', caption: 'Laporan BM-0001 selesai.' }]);
  });

  it('sends the photo first and the question after it when there are choices', () => {
    expect(render({ text: 'Sudah beres?', photoPath: '/x/a.jpg', choices: choices(2) }).map((b) => b.type)).toEqual(['upload', 'interactive']);
  });

  it('sends a map pin as a location message', () => {
    expect(render({ text: '', location: { latitude: -8.46, longitude: 118.72, name: 'Kantor Walikota' } })).toEqual([
      { type: 'location', location: { latitude: -8.46, longitude: 118.72, name: 'Kantor Walikota' } },
    ]);
  });
});

describe('who a message goes to', () => {
  it.each([
    ['6281234567890@c.us', { to: '6281234567890' }],
    ['+62 812-3456-7890', { to: '6281234567890' }],
    ['ID.1502576394655843@bsuid', { recipient: 'ID.1502576394655843' }],
  ])('%s', (address, expected) => expect(recipientOf(address)).toEqual(expected));

  it.each(['1234567890@lid', '120363@g.us', 'budi'])('refuses %s for good (it cannot become reachable)', (address) => {
    expect(() => recipientOf(address)).toThrow(UnreachableAddressError);
  });
});
