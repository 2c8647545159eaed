/**
 * Step two of every message that the open question does not plainly expect:
 * is it a new complaint about something else, or an aside (a status request, a
 * greeting, a question)? A clear new complaint starts a new report; when
 * unsure the bot asks one short question ("Ini laporan baru, atau jawaban
 * untuk BM-0001?"). Asides are answered and the open question repeated.
 */
import { categoryLabel, reply } from '../config/texts.js';
import { findTicketNumbers } from '../nlu/ticket-number.js';
import { samePlace } from '../routing/duplicates.js';
import type { Ticket } from '../tickets/types.js';
import { feedbackTicket } from './feedback.js';
import { complaintInQuestion, faqAnswer, keywordScore } from './faq.js';
import { startComplaint } from './filing.js';
import { statusList, statusOf } from './status.js';
import { ask, repeatQuestion, reset, say, type EngineContext, type Turn } from './turn.js';
import { feedbackStart, isCancel } from './words.js';

/** Confidence above which a complaint about another category is taken as a new report without asking. */
const CLEAR_NEW = 0.8;

/** What the open question is about: the draft's category, or the ticket a feedback question is about. */
async function subject(ctx: EngineContext, turn: Turn): Promise<{ category: string | null; ticket?: Ticket }> {
  const draft = turn.state.data.draft;
  if (draft) return { category: draft.category };
  const id = turn.state.data.ticketId;
  const ticket = id !== undefined ? await ctx.store.tickets.get(id) : turn.state.pending === null ? await feedbackTicket(ctx, turn) : undefined;
  return { category: ticket?.category ?? null, ...(ticket ? { ticket } : {}) };
}

/** The message names a place that is not the ticket's ("gak ada air pdam di jalan gajah mada" about a ticket on another street). */
function elsewhere(ticket: Ticket | undefined, turn: Turn): boolean {
  if (!ticket?.locationText || !turn.cls.location) return false;
  // The same rule as duplicates: a place is the same by its own name, never by shared words like "jalan".
  return !samePlace({ text: turn.cls.location.text }, { locationText: ticket.locationText, kelurahan: null, latitude: null, longitude: null }, 0);
}

/** 'clear' or 'unsure' when the message is a complaint about something other than the open question; undefined otherwise. */
export async function newComplaint(ctx: EngineContext, turn: Turn): Promise<'clear' | 'unsure' | undefined> {
  const { cls, text } = turn;
  if (cls.intent !== 'lapor' || !cls.category || cls.category === 'lainnya') return undefined;
  // While the bot asks what happened or which category it is, a complaint in words is the answer itself.
  if (turn.state.pending === 'description' || turn.state.pending === 'category') return undefined;
  const words = text.trim().split(/\s+/).length;
  if (words < 3) return undefined;
  const about = await subject(ctx, turn);
  if (about.category === cls.category && !elsewhere(about.ticket, turn)) return undefined;
  // The message must name the other problem in words ("lampu jalan", "pdam"), not only be read so by the classifier:
  // "petugas belum datang sama sekali" after a reopen is a note, whatever the classifier guesses.
  const evidence = keywordScore(turn.cfg, cls.category, text);
  if (evidence < 2) return undefined;
  // "belum, lampu jalan di gang mawar juga mati" while a ticket waits: maybe an answer, maybe new; ask.
  const maybeAnswer = !turn.state.data.draft && about.ticket && feedbackStart(turn.cfg.words, text) === 'strong';
  if (!maybeAnswer && evidence >= 3 && cls.confidence >= CLEAR_NEW && (cls.location || words >= 5)) return 'clear';
  return cls.confidence >= turn.cfg.city.min_confidence ? 'unsure' : undefined;
}

/** Starts a new report from this message, replacing a draft being filled in (the citizen is told). */
export async function startNewReport(ctx: EngineContext, turn: Turn): Promise<void> {
  const draft = turn.state.data.draft;
  const prefix = draft?.description ? reply(turn.cfg, 'draft_replaced', { kategori: categoryLabel(turn.cfg, draft.category ?? 'lainnya') }) : undefined;
  reset(turn);
  if (prefix) turn.replies.push({ text: prefix });
  await startComplaint(ctx, turn);
}

/** Handles the message when it is an interruption; true when the open question should not read it. */
export async function interruption(ctx: EngineContext, turn: Turn): Promise<boolean> {
  const { text, cls } = turn;
  if (!text) return false;
  const draft = turn.state.data.draft;
  if (draft && (isCancel(turn.cfg.words, text) || cls.intent === 'batal')) {
    reset(turn);
    say(turn, 'draft_cancelled');
    return true;
  }
  const kind = await newComplaint(ctx, turn);
  if (kind === 'clear') {
    await startNewReport(ctx, turn);
    return true;
  }
  if (kind === 'unsure') {
    const about = await subject(ctx, turn);
    turn.state.data.held = {
      text, cls, pending: turn.state.pending,
      ...(turn.state.data.question ? { question: turn.state.data.question } : {}),
      ...(turn.state.data.choices ? { choices: turn.state.data.choices } : {}),
    };
    const answerLabel = about.ticket
      ? reply(turn.cfg, 'which_answer', { nomor: about.ticket.number })
      : reply(turn.cfg, 'which_continue', { kategori: categoryLabel(turn.cfg, about.category ?? 'lainnya') });
    ask(turn, 'which', about.ticket ? 'which_question' : 'which_question_draft', { nomor: about.ticket?.number, kategori: categoryLabel(turn.cfg, about.category ?? 'lainnya') }, [
      { id: 'baru', label: reply(turn.cfg, 'which_new') },
      { id: 'jawab', label: answerLabel },
    ]);
    return true;
  }
  if (turn.state.pending === null) return false;
  const numbers = findTicketNumbers(text, turn.cfg.city.ticket_prefix);
  if (numbers.length > 0 && cls.intent !== 'lapor') {
    await statusOf(ctx, turn, numbers);
    repeatQuestion(turn);
    return true;
  }
  if (cls.intent === 'cek_status') {
    await statusList(ctx, turn);
    repeatQuestion(turn);
    return true;
  }
  if (cls.intent === 'info' && !complaintInQuestion(turn.cfg, text)) {
    const answer = faqAnswer(turn.cfg, text, cls.normalized);
    if (answer) {
      turn.replies.push({ text: answer });
      repeatQuestion(turn);
      return true;
    }
  }
  if (cls.intent === 'sapaan' || cls.intent === 'terima_kasih') {
    repeatQuestion(turn);
    return true;
  }
  return false;
}
