/**
 * Fills a database with a made-up history of tickets, fast, for benchmarks:
 * `npm run bench:pipeline` measures the pipeline with 1k, 10k and 100k
 * tickets already there. Each ticket comes with what filing it leaves behind
 * in a real database: its citizen and conversation, its events, the messages
 * of the conversation that filed it (in and out) and the outbox rows that
 * carried the replies, all sent. The history is that of a city filing
 * `perYear` tickets a year, up to now: N tickets seeded are the last N
 * filed, the older ones closed, the recent ones mostly open, so the
 * duplicate check and the claim queries meet what such a city would have.
 * A later call adds older history (ids still grow with time within a call,
 * as the service writes them, so recent tickets sit together on disk).
 *
 * The rows are made here (plain data, deterministic) and written by each
 * database's side in a few large transactions (store/sqlite/seed-history.ts,
 * store/postgres/seed-history.ts). Never use it on a database that serves
 * citizens.
 */
import type { DatabaseSettings } from './index.js';

export interface SeedOptions {
  /** Tickets already seeded by earlier calls (0 for the first): their numbers and citizens follow on. Even. */
  from: number;
  /** Tickets to add. Even: two tickets share a citizen. */
  count: number;
  /** Ticket number prefix (prompts/city.yaml ticket_prefix). */
  prefix: string;
  /** Channel of the made-up citizens. */
  channel: string;
  /** Categories to spread the tickets over, with the agency each goes to. */
  categories: { id: string; agency: string }[];
  now: Date;
  /** Tickets the city files a year (default 100,000): how far back N tickets reach. */
  perYear?: number;
}

export interface SeedIds {
  citizen: number;
  ticket: number;
  /** Value of the ticket number sequence before this batch. */
  sequence: number;
}

export interface SeedBatch {
  citizens: unknown[][];
  conversations: unknown[][];
  tickets: unknown[][];
  events: unknown[][];
  messages: unknown[][];
  outbox: unknown[][];
}

/** Columns of each table the seed writes, in the order of the rows' values. */
export const SEED_COLUMNS: Record<keyof SeedBatch, string[]> = {
  citizens: ['id', 'channel', 'address', 'created_at'],
  conversations: ['citizen_id', 'channel', 'state', 'data', 'updated_at'],
  tickets: ['id', 'number', 'citizen_id', 'channel', 'category', 'agency', 'state', 'description', 'location_text', 'kelurahan', 'rt', 'rw',
    'confidence', 'created_at', 'updated_at', 'forwarded_at', 'taken_at', 'resolved_at', 'closed_at', 'sla_notice', 'escalation_level'],
  events: ['ticket_id', 'at', 'action', 'from_state', 'to_state', 'actor_type', 'actor_id', 'note'],
  messages: ['channel', 'external_id', 'citizen_id', 'direction', 'text', 'payload', 'created_at'],
  outbox: ['target', 'channel', 'recipient_key', 'ticket_id', 'citizen_id', 'status', 'attempts', 'next_attempt_at', 'external_id', 'created_at', 'sent_at'],
};

/** Tickets per write transaction. */
export const SEED_CHUNK = 5_000;

const STREETS = ['jalan sultan hasanuddin', 'jalan soekarno hatta', 'jalan sumbawa', 'gang melati', 'jalan gajah mada', 'jalan datuk dibanta',
  'jalan pahlawan', 'gang mawar', 'jalan sudirman', 'jalan kartini', 'jalan imam bonjol', 'jalan ahmad yani', 'gang kenanga', 'jalan diponegoro'];
const KELURAHAN = ['Paruga', 'Sarae', 'Dara', 'Tanjung', 'Melayu', 'Penatoi', 'Santi', 'Rabangodu Utara', 'Monggonao', 'Jatiwangi'];
const TEXTS = ['sampah numpuk belum diangkut', 'lampu jalan mati sudah 3 hari', 'jalan berlubang bahaya buat motor', 'air pdam tidak mengalir',
  'got mampet airnya meluap ke jalan', 'parkir liar bikin macet tiap sore', 'pohon tumbang menutup jalan', 'anjing liar menggigit warga'];
const DAY = 86_400_000;

/** A number in [0, 1) from an index and a salt, the same on every run, independent across salts (an integer hash). */
function spread(i: number, salt = 0): number {
  let t = (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) | 0;
  t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
  t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
  return ((t ^ (t >>> 15)) >>> 0) / 4294967296;
}

/** The rows of tickets [start, start + n) of a call and their citizens, given the first free ids. */
export function seedBatch(opts: SeedOptions, start: number, n: number, ids: SeedIds): SeedBatch {
  const b: SeedBatch = { citizens: [], conversations: [], tickets: [], events: [], messages: [], outbox: [] };
  const now = opts.now.getTime();
  const interval = (365 * DAY) / (opts.perYear ?? 100_000);
  for (let k = 0; k < n; k++) {
    // g counts back from the newest ticket (0); within a call the oldest comes first and gets the lowest id.
    const g = opts.from + opts.count - 1 - (start - opts.from) - k;
    const citizenIndex = g >> 1;
    // Chunks start on an even k with an odd g (from and count are even): the pair's older ticket creates the citizen.
    const citizenId = ids.citizen + (k >> 1);
    const address = `62899${String(citizenIndex).padStart(7, '0')}@c.us`;
    const created = new Date(now - (g + 0.5) * interval);
    const at = created.toISOString();
    if (k % 2 === 0) {
      b.citizens.push([citizenId, opts.channel, address, at]);
      b.conversations.push([citizenId, opts.channel, 'idle', '{}', at]);
    }
    const ticketId = ids.ticket + k;
    const cat = opts.categories[g % opts.categories.length]!;
    const ageDays = (now - created.getTime()) / DAY;
    const roll = spread(g, 1);
    // As the service would have left them: a resolved ticket is closed after close_after_days (3) without an answer,
    // and every open ticket past its deadline was escalated once already, so the SLA checker finds nothing to do.
    const state = ageDays < 2
      ? (roll < 0.2 ? 'baru' : roll < 0.55 ? 'diteruskan' : roll < 0.85 ? 'diproses' : 'selesai')
      : ageDays < 30
        ? (roll < 0.1 ? 'diteruskan' : roll < 0.3 ? 'diproses' : roll < 0.9 ? 'ditutup' : roll < 0.95 ? 'ditolak' : 'dibatalkan')
        : (roll < 0.88 ? 'ditutup' : roll < 0.95 ? 'ditolak' : 'dibatalkan');
    const slaNotice = state === 'baru' || state === 'diteruskan' ? 'take_overdue' : state === 'diproses' ? 'resolve_overdue' : null;
    const later = (days: number) => new Date(Math.min(now, created.getTime() + days * DAY)).toISOString();
    const forwarded = state === 'baru' ? null : at;
    const taken = ['diproses', 'selesai', 'ditutup'].includes(state) ? later(1) : null;
    const resolved = ['selesai', 'ditutup'].includes(state) ? later(3) : null;
    const closed = ['ditutup', 'ditolak', 'dibatalkan'].includes(state) ? later(6) : null;
    const number = `${opts.prefix}-${String(ids.sequence + k + 1).padStart(4, '0')}`;
    const text = TEXTS[g % TEXTS.length]!;
    const place = `${STREETS[Math.floor(spread(g, 2) * STREETS.length)]} no ${(g % 97) + 1}`;
    b.tickets.push([ticketId, number, citizenId, opts.channel, cat.id, cat.agency, state, text, place,
      KELURAHAN[g % KELURAHAN.length], String((g % 12) + 1).padStart(2, '0'), String((g % 5) + 1).padStart(2, '0'), 0.9,
      at, closed ?? resolved ?? taken ?? at, forwarded, taken, resolved, closed, slaNotice, slaNotice ? 1 : 0]);
    b.events.push([ticketId, at, 'dibuat', null, 'baru', 'citizen', String(citizenId), null]);
    if (forwarded) b.events.push([ticketId, at, 'teruskan', 'baru', 'diteruskan', 'system', null, `Diteruskan otomatis ke ${cat.agency}`]);
    if (closed) b.events.push([ticketId, closed, state === 'ditutup' ? 'tutup' : state === 'ditolak' ? 'tolak' : 'batalkan', null, state, 'staff', 'seed', null]);
    // The conversation that filed it: complaint, place, photo skipped, confirmation; a reply to each.
    const lines = [text, place, 'lewati', 'ya'];
    for (let m = 0; m < lines.length; m++) {
      const when = new Date(created.getTime() - (lines.length - m) * 20_000).toISOString();
      b.messages.push([opts.channel, `seed-${g}-${m}`, citizenId, 'in', lines[m],
        JSON.stringify({ location: null, media: null, choice: null, intent: m === 0 ? 'lapor' : 'lainnya', category: m === 0 ? cat.id : null }), when]);
      const reply = m === lines.length - 1 ? `Laporan ${number} sudah kami terima dan diteruskan.` : 'Baik, terima kasih. Boleh tahu lokasinya di mana?';
      b.messages.push([opts.channel, `out-seed-${g}-${m}`, citizenId, 'out', reply, JSON.stringify({ outboxId: null, ticketId: m === lines.length - 1 ? ticketId : null }), when]);
      b.outbox.push([JSON.stringify({ kind: 'citizen', channel: opts.channel, message: { to: address, text: reply } }), opts.channel, `${opts.channel}:${address}`,
        m === lines.length - 1 ? ticketId : null, citizenId, 'sent', 1, when, `out-seed-${g}-${m}`, when, when]);
    }
  }
  return b;
}

/** Adds `count` tickets with their history (see the module comment); returns when it is committed. */
export async function seedHistory(settings: DatabaseSettings, opts: SeedOptions): Promise<void> {
  if (opts.from % 2 !== 0 || opts.count % 2 !== 0) throw new Error('seedHistory: from and count must be even (two tickets share a citizen)');
  if (settings.DATABASE_URL) {
    const { seedPostgres } = await import('./postgres/seed-history.js');
    await seedPostgres(settings.DATABASE_URL, opts);
  } else {
    const { seedSqlite } = await import('./sqlite/seed-history.js');
    seedSqlite(settings.DATABASE_PATH, opts);
  }
}
