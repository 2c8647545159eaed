/**
 * Emergencies (fire, disaster, any category an admin flags `emergency: true`)
 * are filed on the first message with what is known, so a citizen who runs off
 * to call 112 loses nothing. The warning is the category's own
 * (`emergency_<id>` in prompts/replies.yaml, else the generic one); the place and
 * photo asked afterwards update the filed ticket and its desk card.
 */
import { agencyName, reply } from '../config/texts.js';
import type { ReplyKey } from '../config/reply-keys.js';
import { OPEN_STATES } from '../tickets/types.js';
import { categoryOf, locationFrom, pinLocation, typedLocation, validPin } from './draft.js';
import { fileTicket } from './filing.js';
import { ask, reask, reset, say, type Dialogue, type EngineContext, type Turn } from './turn.js';
import type { Draft } from './types.js';
import { hasWords, isNo, isSkip } from './words.js';

function warning(turn: Turn, category: string): string {
  const key = `emergency_${category}`;
  return reply(turn.cfg, (key in turn.cfg.replies ? key : 'emergency') as ReplyKey, { nomor_darurat: turn.cfg.city.emergency_number });
}

/** Files the draft at once, warns, and asks for the place or photo that is still missing. */
export async function fileEmergency(ctx: EngineContext, turn: Turn, draft: Draft): Promise<void> {
  const category = draft.category!;
  turn.replies.push({ text: warning(turn, category) });
  const filed = await fileTicket(ctx, turn, draft);
  if (!filed) return;
  const t = filed.ticket;
  reset(turn);
  turn.state.data.ticketId = t.id;
  const vars = { nomor: t.number, dinas: agencyName(turn.cfg, t.agency) };
  const done = reply(turn.cfg, 'emergency_filed', vars);
  if (!t.locationText && t.latitude === null) return ask(turn, 'emergency_location', 'emergency_ask_location', vars, undefined, done);
  if (categoryOf(turn, category)?.photo !== false && (await ctx.store.tickets.media(t.id)).length === 0) {
    return ask(turn, 'emergency_photo', 'emergency_ask_photo', vars, undefined, done);
  }
  turn.replies.push({ text: done });
}

async function emergencyTicket(ctx: EngineContext, turn: Turn) {
  const id = turn.state.data.ticketId;
  const t = id === undefined ? undefined : await ctx.store.tickets.get(id);
  return t && t.citizenId === turn.citizen.id && OPEN_STATES.includes(t.state) ? t : undefined;
}

/** Photo (and a pin) sent after an emergency was filed: added to the ticket, shown to the desk. */
async function takePhoto(ctx: EngineContext, turn: Turn): Promise<boolean> {
  const t = await emergencyTicket(ctx, turn);
  const path = turn.msg.media?.kind === 'photo' ? turn.msg.media.path : undefined;
  if (!t || !path) return false;
  await ctx.tickets.citizenNote(t, turn.citizen.id, turn.text || undefined, path);
  say(turn, 'photo_received');
  return true;
}

async function finish(ctx: EngineContext, turn: Turn, key: ReplyKey): Promise<void> {
  const t = await emergencyTicket(ctx, turn);
  reset(turn);
  if (t) say(turn, key, { nomor: t.number, dinas: agencyName(turn.cfg, t.agency) });
}

/** After an emergency was filed: the place, typed or pinned, updates the ticket. */
export const emergencyLocation: Dialogue = {
  expires: false,
  expects: (_ctx, turn) => !!turn.msg.location || !!turn.msg.media?.path || !!turn.cls.location || isSkip(turn.cfg.words, turn.text),
  async answer(ctx, turn) {
    const t = await emergencyTicket(ctx, turn);
    if (!t) return reset(turn);
    const photo = await takePhoto(ctx, turn);
    let place = turn.msg.location && validPin(turn.msg.location) ? pinLocation(turn.msg.location) : undefined;
    if (turn.msg.location && !place) say(turn, 'location_invalid');
    const words = turn.cfg.words;
    if (!place && !turn.msg.location && turn.text && hasWords(turn.text) && !isSkip(words, turn.text) && !isNo(words, turn.text)) {
      place = locationFrom(turn.cls) ?? (turn.text.length >= 3 ? typedLocation(turn) : undefined);
    }
    if (place) {
      await ctx.tickets.citizenDetails(t.id, turn.citizen.id, { location: place });
      const wantsPhoto = categoryOf(turn, t.category)?.photo !== false && !photo && (await ctx.store.tickets.media(t.id)).length === 0;
      if (wantsPhoto) return ask(turn, 'emergency_photo', 'emergency_ask_photo', { nomor: t.number }, undefined, reply(turn.cfg, 'emergency_location_added', { nomor: t.number }));
      return finish(ctx, turn, 'emergency_location_added');
    }
    if (photo) return;
    if (isSkip(words, turn.text) || isNo(words, turn.text)) return finish(ctx, turn, 'emergency_done');
    reask(turn, 'emergency_ask_location_again');
  },
};

/** After an emergency was filed: a photo or more words go to the ticket and its desk. */
export const emergencyPhoto: Dialogue = {
  expires: false,
  expects: (_ctx, turn) => !!turn.msg.media?.path || !!turn.msg.location || isSkip(turn.cfg.words, turn.text) || isNo(turn.cfg.words, turn.text),
  async answer(ctx, turn) {
    const t = await emergencyTicket(ctx, turn);
    if (!t) return reset(turn);
    if (turn.msg.location && validPin(turn.msg.location)) await ctx.tickets.citizenDetails(t.id, turn.citizen.id, { location: pinLocation(turn.msg.location) });
    if (await takePhoto(ctx, turn)) return finish(ctx, turn, 'emergency_done');
    if (turn.text && hasWords(turn.text) && !isSkip(turn.cfg.words, turn.text) && !isNo(turn.cfg.words, turn.text)) {
      // More about the emergency: the desk hears it at once.
      await ctx.tickets.citizenNote(t, turn.citizen.id, turn.text, undefined);
      return finish(ctx, turn, 'emergency_note_added');
    }
    await finish(ctx, turn, 'emergency_done');
  },
};
