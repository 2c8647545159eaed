/**
 * Scripted dialogues: a citizen's lines and what the bot must do after each
 * (reply contains / does not contain), then what must be true at the end (a
 * ticket filed with a category, reopened, a note at the desk…). Each script
 * runs through the real engine, outbox and SQLite of a fresh test app.
 */
import { expect } from 'vitest';
import type { GeoPoint } from '../../../core/ports.js';
import type { Ticket } from '../../../core/tickets/types.js';
import { sqliteDb, type TestApp } from '../../support/app.js';
import { createDeskApp, fileTicket, type FakeDesk, STAFF } from '../../outbox/support.js';

/** What the citizen sends in one line of a script. */
export type Input =
  | string
  | { pin: GeoPoint; text?: string }
  | { photo: string; text?: string }
  | { press: string }
  | { voice: true }
  /** Time passes before the next line. */
  | { wait: { hours?: number; minutes?: number } };

/** What the bot's replies to that line must show: text (or pattern) they contain, and text they must not contain. */
export interface Reply {
  has?: string | RegExp | (string | RegExp)[];
  not?: string | RegExp | (string | RegExp)[];
}

export type Line = [Input, (string | RegExp | Reply)?];

/** Everything a script may look at when it ends. */
export interface World {
  t: TestApp;
  desk: FakeDesk;
  who: string;
  /** Tickets reported by the script's citizen, oldest first. */
  mine(): Promise<Ticket[]>;
  all(): Promise<Ticket[]>;
  /** Texts the desk received as citizen messages (relayed notes). */
  deskNotes(): string[];
  /** Everything the citizen received. */
  inbox(): string[];
}

export type Outcome = (w: World) => void | Promise<void>;

export interface Dialogue {
  name: string;
  /** Before the first line: tickets to exist (filed, resolved, other citizens' ones). */
  given?: (w: World) => Promise<void> | void;
  lines: Line[];
  then?: Outcome[];
}

export const WHO = 'warga-uji';

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

function check(replies: string, want: string | RegExp | Reply | undefined, where: string): void {
  if (want === undefined) return;
  const spec: Reply = typeof want === 'string' || want instanceof RegExp ? { has: want } : want;
  for (const h of list(spec.has)) {
    if (typeof h === 'string') expect(replies, where).toContain(h);
    else expect(replies, where).toMatch(h);
  }
  for (const n of list(spec.not)) {
    if (typeof n === 'string') expect(replies, where).not.toContain(n);
    else expect(replies, where).not.toMatch(n);
  }
}

async function send(t: TestApp, who: string, input: Input): Promise<string> {
  if (typeof input === 'string') return (await t.say(who, input)).join('\n');
  if ('wait' in input) {
    t.clock.advance(((input.wait.hours ?? 0) * 60 + (input.wait.minutes ?? 0)) * 60_000);
    return '';
  }
  if ('pin' in input) return (await t.say(who, input.text, { location: input.pin })).join('\n');
  if ('photo' in input) return (await t.say(who, input.text, { media: { kind: 'photo', path: input.photo, bytes: 2000 } })).join('\n');
  if ('press' in input) return (await t.say(who, undefined, { choice: input.press })).join('\n');
  return (await t.say(who, undefined, { media: { kind: 'voice' } })).join('\n');
}

/** Runs one script from a fresh app; the app is closed afterwards. */
export async function run(d: Dialogue): Promise<void> {
  const { t, desk } = await createDeskApp();
  try {
    const citizenId = async () => (await t.app.store.citizens.findByAddress('memory', WHO))?.id;
    const w: World = {
      t, desk, who: WHO,
      mine: async () => {
        const me = await citizenId();
        return (await t.app.store.tickets.list({})).filter((x) => x.citizenId === me).reverse();
      },
      all: async () => (await t.app.store.tickets.list({})).reverse(),
      deskNotes: () => desk.delivered.flatMap((x) => (x.payload.type === 'citizen_reply' && x.payload.text ? [x.payload.text] : [])),
      inbox: () => t.inbox(WHO),
    };
    await d.given?.(w);
    await t.app.worker.drain();
    let i = 0;
    for (const [input, want] of d.lines) {
      i++;
      const replies = await send(t, WHO, input);
      await t.app.worker.drain();
      check(replies, want, `line ${i} (${JSON.stringify(input)}) of "${d.name}"; the bot said:\n${replies}`);
    }
    for (const outcome of d.then ?? []) await outcome(w);
  } finally {
    await t.close();
  }
}

// ------------------------------------------------------------------ givens

/** The citizen's own ticket of a category, resolved by the agency: "Sudah beres?" is waiting. */
export function resolvedTicket(category = 'air_bersih') {
  return async (w: World) => {
    const tk = await fileTicket(w.t, WHO, category);
    await w.t.app.tickets.act(tk.id, 'ambil', { actor: STAFF });
    await w.t.app.tickets.act(tk.id, 'selesaikan', { actor: STAFF, note: 'Sudah ditangani petugas' });
    await w.t.app.worker.drain();
  };
}

/** Another citizen's open ticket at a place (for duplicate offers). */
export function othersTicket(category: string, place: string, opts: { confidential?: boolean } = {}) {
  return async (w: World) => {
    const tk = await fileTicket(w.t, 'warga-lain', category);
    await w.t.app.store.tickets.update(tk.id, { locationText: place, ...(opts.confidential ? { confidential: true } : {}) });
  };
}

/** The citizen already filed n tickets just now. */
export function alreadyFiled(n: number) {
  return async (w: World) => {
    for (let i = 0; i < n; i++) await fileTicket(w.t, WHO, 'sampah');
  };
}

export const both = (...gs: ((w: World) => Promise<void> | void)[]) => async (w: World) => {
  for (const g of gs) await g(w);
};

// ---------------------------------------------------------------- outcomes

/** The citizen's last ticket was filed with this category (and these fields). */
export const filed = (category: string, fields: Partial<Ticket> = {}): Outcome => async (w) => {
  const last = (await w.mine()).at(-1);
  expect(last, 'a ticket was filed').toBeDefined();
  expect(last).toMatchObject({ category, ...fields });
};
export const filedCount = (n: number): Outcome => async (w) => expect((await w.mine()).length, 'tickets the citizen filed').toBe(n);
export const nothingFiled: Outcome = filedCount(0);
export const placeContains = (s: string): Outcome => async (w) => expect((await w.mine()).at(-1)?.locationText?.toLowerCase()).toContain(s);
export const descriptionContains = (s: string): Outcome => async (w) => expect((await w.mine()).at(-1)?.description).toContain(s);
export const stateOf = (index: number, state: string, extra: Partial<Ticket> = {}): Outcome => async (w) =>
  expect((await w.mine())[index]).toMatchObject({ state, ...extra });
export const deskHeard = (s: string): Outcome => (w) => expect(w.deskNotes().join('\n')).toContain(s);
export const deskHeardNothing: Outcome = (w) => expect(w.deskNotes()).toEqual([]);
export const supporters = (ticketIndex: number, n: number): Outcome => async (w) =>
  expect((await w.t.app.store.tickets.supporters((await w.all())[ticketIndex]!.id)).length).toBe(n);
export const photos = (n: number): Outcome => async (w) => expect((await w.t.app.store.tickets.media((await w.mine()).at(-1)!.id)).length).toBe(n);
export const noPinStored: Outcome = async (w) => {
  const rows = sqliteDb(w.t.app.store).prepare("SELECT payload FROM messages WHERE direction = 'in'").all() as { payload: string }[];
  for (const r of rows) expect(JSON.parse(r.payload).location ?? null).toBeNull();
  for (const tk of await w.all()) expect(tk.latitude).toBeNull();
};
