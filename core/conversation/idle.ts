/**
 * A message when no question is open: a new complaint, a question, a status
 * request, a greeting, news about one's own ticket — or, while a resolved
 * ticket waits for "Sudah beres?", that answer.
 */
import { findTicketNumbers } from '../nlu/ticket-number.js';
import { OPEN_STATES } from '../tickets/types.js';
import { newDraft, attachExtras } from './draft.js';
import { answerFeedback, feedbackTicket } from './feedback.js';
import { complaintInQuestion, faqAnswer } from './faq.js';
import { startComplaint } from './filing.js';
import { statusList, statusOf } from './status.js';
import { ask, say, type Dialogue, type EngineContext, type Turn } from './turn.js';
import { feedbackAnswer, hasWords } from './words.js';

/** "saya mau lapor", "mau ngadu pak": the citizen wants to report but has not said what yet. */
const WANTS_TO_REPORT = /\b(lapor|melapor|laporan baru|ngadu|mengadu|aduan|pengaduan|keluhan|komplain|complain)\b/i;

const STATUS_WORDS = new Set(['cek', 'status', 'gimana', 'bagaimana', 'sudah', 'udah', 'belum', 'blm', 'diproses', 'proses', 'laporan', 'lapor',
  'kabar', 'apa', 'min', 'admin', 'pak', 'bu', 'ya', 'kak', 'mohon', 'info', 'perkembangan', 'sampai', 'mana', 'nomor', 'no', 'tolong', 'saya',
  'kapan', 'ditangani', 'dikerjakan', 'tiket', 'yang', 'itu', 'ini', 'dong', 'nih', 'sih', 'kok', 'gmn', 'gmna', 'bgmn', 'sdh', 'udh']);

/** Does a message about a ticket carry news for the agency, beyond asking how it is going? */
function saysMoreThanStatus(text: string): boolean {
  const words = text.toLowerCase().replace(/[a-z]{2,5}[\s-]?\d{1,6}/g, ' ').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STATUS_WORDS.has(w));
  return words.length >= 3;
}

/** A message that only asks to report: ask what happened before anything else. */
export function wantsToReport(turn: Turn): boolean {
  return (turn.cls.intent === 'sapaan' || turn.cls.intent === 'lainnya' || (turn.cls.intent === 'lapor' && !turn.cls.category))
    && WANTS_TO_REPORT.test(turn.text) && turn.text.trim().split(/\s+/).length <= 6;
}

/** Answers a question from the FAQ, or says politely there is no answer. */
export function answerInfo(turn: Turn): void {
  const answer = faqAnswer(turn.cfg, turn.text, turn.cls.normalized);
  if (answer) turn.replies.push({ text: answer });
  else say(turn, 'info_fallback');
}

async function idleAnswer(ctx: EngineContext, turn: Turn): Promise<void> {
  const { text, cls, msg } = turn;
  const waiting = await feedbackTicket(ctx, turn);
  if (waiting && text && (await answerFeedback(ctx, turn, waiting))) return;

  const numbers = text ? findTicketNumbers(text, turn.cfg.city.ticket_prefix) : [];
  if (numbers.length > 0) {
    // "BM-0042 sampahnya masih numpuk pak": more than a status question, so the desk hears it too.
    const t = await ctx.store.tickets.getByNumber(numbers[0]!);
    if (t && t.citizenId === turn.citizen.id && OPEN_STATES.includes(t.state) && (msg.media?.path || saysMoreThanStatus(text))) {
      await ctx.tickets.citizenNote(t, turn.citizen.id, text, msg.media?.path);
    }
    if (cls.intent !== 'lapor' || !cls.location || (t && t.citizenId === turn.citizen.id)) return statusOf(ctx, turn, numbers);
  }

  if (!text && (msg.location || msg.media?.path)) {
    // A pin or a photo first: start a draft and ask what is wrong.
    const draft = newDraft(turn, '');
    attachExtras(turn, draft);
    turn.state.data = { draft };
    if (msg.media?.path) say(turn, 'photo_received');
    return ask(turn, 'description', draft.location ? 'ask_description_place' : 'ask_description', { lokasi: draft.location?.text });
  }
  if (!hasWords(text)) return say(turn, 'unclear');

  if (wantsToReport(turn)) {
    turn.state.data = { draft: newDraft(turn, '') };
    return ask(turn, 'description', 'ask_description');
  }
  if (cls.intent === 'info') {
    const complaint = complaintInQuestion(turn.cfg, text);
    if (complaint) return startComplaint(ctx, turn, complaint);
    return answerInfo(turn);
  }
  switch (cls.intent) {
    case 'sapaan': return say(turn, 'menu');
    case 'terima_kasih': return say(turn, 'thanks_reply');
    case 'cek_status': return statusList(ctx, turn);
    case 'batal': return say(turn, 'nothing_to_cancel');
    case 'lapor': return startComplaint(ctx, turn);
    default:
      if (msg.location || msg.media?.path) return startComplaint(ctx, turn);
      say(turn, 'unclear');
  }
}

/** No question open (or only "Sudah beres?", which lives with the ticket, not the conversation). */
export const idle: Dialogue = {
  expires: false,
  expects: async (ctx, turn) => {
    const waiting = await feedbackTicket(ctx, turn);
    // A short "belum"/"sudah" while a ticket waits is its answer; a longer message is checked as a possible new complaint first.
    const a = waiting && turn.text ? feedbackAnswer(turn.cfg.words, turn.text) : undefined;
    return !waiting || (!!a && a.rest.split(' ').filter(Boolean).length <= 3);
  },
  answer: idleAnswer,
};
