/**
 * Closing the loop: "Sudah beres?" after the agency resolved a ticket, then a
 * rating and a comment, or a reopen with what is still wrong. These questions
 * never expire like a draft: a late "belum" still reopens, a late note still
 * reaches the desk.
 */
import { agencyName } from '../config/texts.js';
import { OPEN_STATES, type Ticket } from '../tickets/types.js';
import { statusOf } from './status.js';
import { ask, reask, reset, say, type Dialogue, type EngineContext, type Turn } from './turn.js';
import { feedbackAnswer, hasWords, isCancel, isSkip, ratingOf } from './words.js';

/** The citizen's own ticket most recently marked selesai, waiting for "Sudah beres?". */
export async function feedbackTicket(ctx: EngineContext, turn: Turn): Promise<Ticket | undefined> {
  return (await ctx.store.tickets.list({ citizenId: turn.citizen.id, states: ['selesai'] }))
    .filter((t) => t.citizenId === turn.citizen.id)
    .sort((a, b) => (b.resolvedAt ?? b.updatedAt).localeCompare(a.resolvedAt ?? a.updatedAt))[0];
}

/** A beres:/belum: button is valid only for the citizen's own ticket awaiting that answer (the only ones it was sent for). */
export async function feedbackChoice(ctx: EngineContext, turn: Turn): Promise<{ ticket: Ticket; resolved: boolean } | undefined> {
  const m = /^(beres|belum):(\d+)$/.exec(turn.msg.choice ?? '');
  if (!m) return undefined;
  const t = await ctx.store.tickets.get(Number(m[2]));
  return t && t.citizenId === turn.citizen.id && t.state === 'selesai' ? { ticket: t, resolved: m[1] === 'beres' } : undefined;
}

const actor = (turn: Turn) => ({ type: 'citizen' as const, id: String(turn.citizen.id) });

/** Stores a rating and/or comment; a comment is also relayed to the agency's desk. */
async function rate(ctx: EngineContext, turn: Turn, t: Ticket, rating: number | null, comment: string | null): Promise<void> {
  await ctx.tickets.rate(t.id, rating, comment, actor(turn));
  if (comment) await ctx.tickets.citizenNote(t, turn.citizen.id, comment, undefined);
}

/** Applies a "Sudah beres?" answer: closes and asks for a rating, or reopens and asks what is still wrong. */
export async function feedback(ctx: EngineContext, turn: Turn, t: Ticket, resolved: boolean, note?: string, rated?: { rating: number; comment?: string }): Promise<void> {
  if (t.citizenId !== turn.citizen.id || t.state !== 'selesai') return await statusOf(ctx, turn, [t.number]);
  if (resolved) {
    turn.ticket = (await ctx.tickets.act(t.id, 'tutup', { actor: actor(turn), note: 'Warga menyatakan sudah beres' }));
    reset(turn);
    if (rated) {
      // "sudah beres, 5 mantap": the rating (and comment) came with the answer.
      await rate(ctx, turn, t, rated.rating, rated.comment ?? null);
      return say(turn, 'rating_thanks', { nomor: t.number });
    }
    turn.state.data.ticketId = t.id;
    ask(turn, 'rating', 'ask_rating', {}, [1, 2, 3, 4, 5].map((n) => ({ id: `nilai:${n}`, label: '⭐'.repeat(n) })));
    return;
  }
  // Reopen at once, so a citizen who never writes the note is not mistaken for a satisfied one.
  turn.ticket = (await ctx.tickets.act(t.id, 'buka_kembali', { actor: actor(turn), note: note ?? 'Warga menyatakan masalah belum beres' }));
  if (turn.msg.media?.path) await ctx.tickets.citizenNote(turn.ticket, turn.citizen.id, undefined, turn.msg.media.path);
  reset(turn);
  say(turn, 'reopened', { nomor: t.number, dinas: agencyName(turn.cfg, t.agency) });
  if (!note) {
    turn.state.data.ticketId = t.id;
    ask(turn, 'reopen_note', 'ask_reopen_note', { dinas: agencyName(turn.cfg, t.agency) });
  }
}

/** Reads a "Sudah beres?" answer; the words after a "belum" are the note ("belum pak, airnya masih mati"). */
export async function answerFeedback(ctx: EngineContext, turn: Turn, t: Ticket): Promise<boolean> {
  const a = feedbackAnswer(turn.cfg.words, turn.text);
  if (!a) return false;
  const note = !a.resolved && a.rest.split(' ').filter(Boolean).length >= 2 ? turn.text : undefined;
  const r = a.resolved && a.rest ? ratingOf(turn.cfg.words, a.rest) : undefined;
  await feedback(ctx, turn, t, a.resolved, note, r ? { rating: r.rating, ...(r.comment ? { comment: turn.text } : {}) } : undefined);
  return true;
}

async function ratedTicket(ctx: EngineContext, turn: Turn): Promise<Ticket | undefined> {
  const id = turn.state.data.ticketId;
  return id === undefined ? undefined : await ctx.store.tickets.get(id);
}

function thank(turn: Turn, t: Ticket | undefined, rated: boolean): void {
  reset(turn);
  say(turn, rated ? 'rating_thanks' : 'rating_skipped', { nomor: t?.number });
}

/** "Berapa nilai Anda?": a rating (with a comment in the same message), words without one, or lewati. */
export const rating: Dialogue = {
  expires: false,
  // Words without a rating ("mantap", "makasih") end the question too; only a new complaint or a status request interrupts it.
  expects: (_ctx, turn) => (turn.msg.choice?.startsWith('nilai:') ?? false) || ratingOf(turn.cfg.words, turn.text) !== undefined || isSkip(turn.cfg.words, turn.text)
    || (turn.cls.intent !== 'lapor' && turn.cls.intent !== 'cek_status' && hasWords(turn.text) && !/^\d+$/.test(turn.text.trim())),
  async answer(ctx, turn) {
    const t = await ratedTicket(ctx, turn);
    if (!t) return reset(turn);
    const button = turn.msg.choice?.startsWith('nilai:') ? Number(turn.msg.choice.slice(6)) : undefined;
    const r = button !== undefined ? { rating: button } : ratingOf(turn.cfg.words, turn.text);
    if (r && Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5) {
      await rate(ctx, turn, t, r.rating, r.comment ?? null);
      if (r.comment) return thank(turn, t, true);
      reset(turn);
      turn.state.data.ticketId = t.id;
      return ask(turn, 'comment', 'ask_comment');
    }
    if (isSkip(turn.cfg.words, turn.text) || isCancel(turn.cfg.words, turn.text)) return thank(turn, t, false);
    if (turn.cls.intent === 'terima_kasih') return thank(turn, t, false);
    if (turn.text && hasWords(turn.text) && !/^\d+$/.test(turn.text.trim())) {
      // A comment without a rating ("mantap", "petugasnya ramah"): kept, and the rating is not asked again.
      await rate(ctx, turn, t, null, turn.text);
      return thank(turn, t, false);
    }
    reask(turn, 'ask_rating_again');
  },
};

/** "Ada saran atau komentar?": kept with the rating and relayed to the desk. */
export const comment: Dialogue = {
  expires: false,
  expects: (_ctx, turn) => isSkip(turn.cfg.words, turn.text) || (turn.cls.intent !== 'lapor' && turn.cls.intent !== 'cek_status'),
  async answer(ctx, turn) {
    const t = await ratedTicket(ctx, turn);
    if (turn.text && !isSkip(turn.cfg.words, turn.text) && hasWords(turn.text) && t) await rate(ctx, turn, t, null, turn.text);
    thank(turn, t, true);
  },
};

/** The citizen's note after a bare "belum": the ticket is already reopened, so the note goes to the desk. */
export const reopenNote: Dialogue = {
  expires: false,
  expects: (_ctx, turn) => !!turn.msg.media?.path || isSkip(turn.cfg.words, turn.text)
    || !['lapor', 'sapaan', 'terima_kasih', 'cek_status', 'info'].includes(turn.cls.intent),
  async answer(ctx, turn) {
    const t = await ratedTicket(ctx, turn);
    if (!t || !OPEN_STATES.includes(t.state)) return reset(turn);
    if (isCancel(turn.cfg.words, turn.text) || isSkip(turn.cfg.words, turn.text)) {
      // Nothing to add: the ticket is already reopened.
      reset(turn);
      return say(turn, 'reopen_note_skipped', { dinas: agencyName(turn.cfg, t.agency) });
    }
    if (!turn.text && !turn.msg.media?.path) return reask(turn, 'ask_reopen_note', { dinas: agencyName(turn.cfg, t.agency) });
    await ctx.tickets.citizenNote(t, turn.citizen.id, turn.text || undefined, turn.msg.media?.path);
    reset(turn);
    say(turn, 'reopen_note_received', { dinas: agencyName(turn.cfg, t.agency) });
  },
};
