/**
 * The conversation engine: one channel-neutral state machine that turns a
 * citizen's messages into a filed ticket, status answers and feedback.
 *
 * Each inbound message is handled in one store transaction: the dedupe record,
 * the conversation state, any ticket change and the replies (outbox rows) land
 * together or not at all, so a crash never loses an accepted message and a
 * redelivered one is answered once. Classification (possibly an LLM call) runs
 * before the transaction; messages of one citizen are handled one at a time.
 */
import type { Choice, Classifier, Clock, InboundMessage, Logger, OutboundMessage, Store, Citizen, MediaKind } from '../ports.js';
import type { PromptConfig } from '../config/schema.js';
import { areaKey, type AreaDirectory } from '../config/area.js';
import type { ReplyKey } from '../config/reply-keys.js';
import { categoryLabel, agencyName, reply, localTime, type Vars } from '../config/texts.js';
import type { Classification } from '../nlu/types.js';
import { findTicketNumbers } from '../nlu/ticket-number.js';
import { routeComplaint } from '../routing/router.js';
import { findDuplicate } from '../routing/duplicates.js';
import type { TicketService } from '../tickets/service.js';
import { OPEN_STATES, type Ticket } from '../tickets/types.js';
import { canApply } from '../tickets/states.js';
import { IDLE, type ConversationState, type Draft, type PendingQuestion } from './types.js';
import {
  choiceNumber, feedbackAnswer, hasWords, isCancel, isConfidential, isMenu, isNo, isResume, isSkip, isStop, isYes, ratingValue,
} from './words.js';

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

/** Longest message text kept; the rest is cut (and the citizen told). */
export const MAX_TEXT_CHARS = 4000;

export interface EngineDeps {
  store: Store;
  tickets: TicketService;
  classifier: () => Classifier;
  config: () => PromptConfig;
  clock: Clock;
  logger: Logger;
  /** A draft untouched this long is dropped with a polite note. */
  draftTimeoutMinutes: number;
  /** The city's areas, to find the kecamatan of a kelurahan a trusted reporter or the classifier gave. */
  areas?: AreaDirectory;
}

export interface HandleResult {
  duplicate: boolean;
  replies: OutboundMessage[];
  ticket?: Ticket;
}

/** Everything one message's handling produces, collected before it is written. */
interface Turn {
  msg: InboundMessage;
  text: string;
  cls: Classification;
  citizen: Citizen;
  cfg: PromptConfig;
  now: string;
  replies: Omit<OutboundMessage, 'to'>[];
  state: ConversationState;
  ticket?: Ticket;
}

const MEDIA_NAME: Record<MediaKind, ReplyKey> = {
  photo: 'media_other', voice: 'media_voice', audio: 'media_audio', video: 'media_video', sticker: 'media_sticker',
  document: 'media_document', contact: 'media_contact', other: 'media_other',
};

/** Control characters other than tab and newline are dropped: they break terminals, logs and Telegram. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;

export function sanitizeText(raw: string | undefined): { text: string; truncated: boolean } {
  const clean = (raw ?? '').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
  if (clean.length <= MAX_TEXT_CHARS) return { text: clean, truncated: false };
  return { text: clean.slice(0, MAX_TEXT_CHARS), truncated: true };
}

export function createConversationEngine(deps: EngineDeps) {
  const { store, tickets, config, clock, logger } = deps;
  const queues = new Map<string, Promise<unknown>>();

  /** Handle one inbound message; concurrent messages of one citizen are serialised. */
  function handle(msg: InboundMessage): Promise<HandleResult> {
    const key = `${msg.channel}:${msg.sender.address}`;
    const prev = queues.get(key) ?? Promise.resolve();
    const next = prev.then(() => handleNow(msg), () => handleNow(msg));
    queues.set(key, next);
    void next.finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    }).catch(() => undefined);
    return next;
  }

  async function handleNow(msg: InboundMessage): Promise<HandleResult> {
    const { text, truncated } = sanitizeText(msg.text);
    const known = store.citizens.findByAddress(msg.channel, msg.sender.address);
    if (known && isDuplicate(msg)) return { duplicate: true, replies: [] };

    let cls: Classification;
    try {
      cls = await deps.classifier().classify(text);
    } catch (err) {
      // The offline classifier never throws; this guards an adapter bug so the message is still answered.
      logger.error({ err, channel: msg.channel, externalId: msg.externalId }, 'classifier failed; treating the message as unclear');
      cls = { intent: 'lainnya', category: null, confidence: 0, alternatives: [], location: null, area: null, normalized: text, source: 'error' };
    }

    return store.transaction(() => {
      const now = clock.now();
      const citizen = store.citizens.resolve(msg.channel, msg.sender, now);
      const recorded = store.messages.recordInbound({
        channel: msg.channel, externalId: msg.externalId, citizenId: citizen.id, direction: 'in', text: text || null,
        payload: { location: msg.location ?? null, media: msg.media ?? null, choice: msg.choice ?? null, intent: cls.intent, category: cls.category },
        createdAt: now.toISOString(),
      });
      if (!recorded) return { duplicate: true, replies: [] };

      const record = store.conversations.get(citizen.id, msg.channel);
      const turn: Turn = {
        msg, text, cls, citizen, cfg: config(), now: now.toISOString(), replies: [],
        state: record ? { pending: (record.state === 'idle' ? null : record.state) as PendingQuestion | null, data: record.data as ConversationState['data'] } : { ...IDLE },
      };
      if (truncated) say(turn, 'too_long');

      if (turn.state.pending && record && expired(record.updatedAt, now)) {
        say(turn, 'draft_expired');
        turn.state = { pending: null, data: {} };
      }
      step(turn);

      store.conversations.save({
        citizenId: citizen.id, channel: msg.channel, state: turn.state.pending ?? 'idle', data: turn.state.data, updatedAt: turn.now,
      });
      const replies = turn.replies.map((r) => ({ ...r, to: citizen.address }));
      for (const r of replies) {
        store.outbox.enqueue({ target: { kind: 'citizen', channel: msg.channel, message: r }, citizenId: citizen.id, ticketId: turn.ticket?.id ?? null, createdAt: turn.now });
      }
      return { duplicate: false, replies, ...(turn.ticket ? { ticket: turn.ticket } : {}) };
    });
  }

  function isDuplicate(msg: InboundMessage): boolean {
    // Cheap pre-check so a redelivered message does not cost a classifier call; the transaction re-checks.
    return store.messages.hasInbound(msg.channel, msg.externalId);
  }

  function expired(updatedAt: string, now: Date): boolean {
    return now.getTime() - new Date(updatedAt).getTime() > deps.draftTimeoutMinutes * 60_000;
  }

  // ------------------------------------------------------------------ replies

  function say(turn: Turn, key: ReplyKey, vars: Vars = {}, extra: Partial<OutboundMessage> = {}): void {
    turn.replies.push({ text: reply(turn.cfg, key, vars), ...extra });
  }

  /** Asks a question and remembers it: its choices (for typed numbers) and its text (to repeat after an interruption). */
  function ask(turn: Turn, pending: PendingQuestion, key: ReplyKey, vars: Vars = {}, choices?: Choice[]): void {
    const text = reply(turn.cfg, key, vars);
    turn.replies.push({ text, ...(choices ? { choices } : {}) });
    turn.state.pending = pending;
    turn.state.data.question = text;
    if (choices) turn.state.data.choices = choices;
    else delete turn.state.data.choices;
  }

  function repeatQuestion(turn: Turn): void {
    const { question, choices } = turn.state.data;
    if (!question) return;
    turn.replies.push({ text: `${reply(turn.cfg, 'pending_question')}\n${question}`, ...(choices ? { choices } : {}) });
  }

  function reset(turn: Turn): void {
    turn.state = { pending: null, data: {} };
  }

  /** The id of the choice the citizen picked: a pressed button, or a typed number. */
  function pickedChoice(turn: Turn): string | undefined {
    if (turn.msg.choice) return turn.msg.choice;
    const n = choiceNumber(turn.text);
    const choices = turn.state.data.choices;
    return n !== undefined && choices && n >= 1 && n <= choices.length ? choices[n - 1]!.id : undefined;
  }

  // -------------------------------------------------------------- dispatching

  function step(turn: Turn): void {
    const { msg, text } = turn;
    const media = msg.media;

    if (media && media.kind !== 'photo') {
      say(turn, 'unsupported_media', { jenis: reply(turn.cfg, MEDIA_NAME[media.kind]) });
      if (turn.state.pending) repeatQuestion(turn);
      return;
    }
    if (media?.rejectedReason) {
      say(turn, media.rejectedReason === 'too_large' ? 'photo_too_large' : 'photo_failed');
      if (!text && !msg.location) {
        if (turn.state.pending) repeatQuestion(turn);
        return;
      }
    }
    if (!text && !msg.location && !media?.path && !msg.choice) {
      say(turn, 'empty_message');
      if (turn.state.pending) repeatQuestion(turn);
      return;
    }
    if (msg.choice && handleGlobalChoice(turn, msg.choice)) return;
    if (text && handleCitizenControl(turn)) return;

    switch (turn.state.pending) {
      case null: return idle(turn);
      case 'description': return answerDescription(turn);
      case 'location': return answerLocation(turn);
      case 'photo': return answerPhoto(turn);
      case 'category': return answerCategory(turn);
      case 'confirm': return answerConfirm(turn);
      case 'duplicate': return answerDuplicate(turn);
      case 'rating': return answerRating(turn);
      case 'comment': return answerComment(turn);
      case 'reopen_note': return answerReopenNote(turn);
    }
  }

  /** Buttons that make sense at any time (Telegram inline keyboards). */
  function handleGlobalChoice(turn: Turn, choice: string): boolean {
    const [kind, id] = choice.split(':');
    const ticketId = Number(id);
    if ((kind === 'beres' || kind === 'belum') && Number.isInteger(ticketId)) {
      feedback(turn, ticketId, kind === 'beres');
      return true;
    }
    if (kind === 'dukung' && Number.isInteger(ticketId)) {
      supportTicket(turn, ticketId);
      if (turn.state.pending === 'duplicate') reset(turn);
      return true;
    }
    return false;
  }

  /** STOP/LANJUT, cancelling a filed ticket, menu: understood whatever question is pending. */
  function handleCitizenControl(turn: Turn): boolean {
    const { text, citizen } = turn;
    if (isStop(text)) {
      store.citizens.setMuted(citizen.id, true);
      say(turn, 'stopped');
      return true;
    }
    if (citizen.muted && isResume(text)) {
      store.citizens.setMuted(citizen.id, false);
      say(turn, 'resumed');
      return true;
    }
    const numbers = findTicketNumbers(text, turn.cfg.city.ticket_prefix);
    if (numbers.length > 0 && /^\s*\/?(batal|batalkan|cancel)\b/i.test(text)) {
      cancelTicket(turn, numbers[0]!);
      if (turn.state.pending) repeatQuestion(turn);
      return true;
    }
    if (isMenu(text)) {
      say(turn, 'menu');
      if (turn.state.pending) repeatQuestion(turn);
      return true;
    }
    return false;
  }

  function idle(turn: Turn): void {
    const { text, cls, msg } = turn;
    const choice = pickedChoice(turn);
    const answer = choice ? undefined : feedbackAnswer(text);
    const openFeedback = answer || choice ? feedbackTicket(turn) : undefined;
    if (openFeedback && (answer || choice === `beres:${openFeedback.id}` || choice === `belum:${openFeedback.id}`)) {
      const yes = choice ? choice.startsWith('beres') : answer === 'yes';
      // "belum pak, airnya masih mati": the rest of the sentence is already the note.
      const note = !yes && text.split(/\s+/).length >= 3 ? text : undefined;
      return feedback(turn, openFeedback.id, yes, note);
    }
    const numbers = text ? findTicketNumbers(text, turn.cfg.city.ticket_prefix) : [];
    if (numbers.length > 0) {
      // "BM-0042 sampahnya masih numpuk pak": more than a status question, so the desk hears it too.
      const t = store.tickets.getByNumber(numbers[0]!);
      if (t && t.citizenId === turn.citizen.id && OPEN_STATES.includes(t.state) && (msg.media?.path || saysMoreThanStatus(text))) {
        tickets.citizenNote(t, turn.citizen.id, text, msg.media?.path);
      }
      if (cls.intent !== 'lapor' || !cls.location || (t && t.citizenId === turn.citizen.id)) return statusOf(turn, numbers);
    }

    if (!text && (msg.location || msg.media?.path)) {
      // A pin or a photo first: start a draft and ask what is wrong.
      const draft = newDraft(turn, '');
      attachExtras(turn, draft);
      turn.state.data = { draft };
      if (msg.media?.path) say(turn, 'photo_received');
      ask(turn, 'description', 'ask_description');
      return;
    }
    if (!hasWords(text)) {
      say(turn, 'unclear');
      return;
    }

    if ((cls.intent === 'sapaan' || cls.intent === 'lainnya') && WANTS_TO_REPORT.test(text)) {
      turn.state.data = { draft: newDraft(turn, '') };
      return ask(turn, 'description', 'ask_description');
    }
    switch (cls.intent) {
      case 'sapaan': return say(turn, 'menu');
      case 'terima_kasih': return say(turn, 'thanks_reply');
      case 'info': return answerInfo(turn);
      case 'cek_status': return statusList(turn);
      case 'batal': return say(turn, 'nothing_to_cancel');
      case 'lapor': return startComplaint(turn);
      default:
        if (msg.location || msg.media?.path) return startComplaint(turn);
        say(turn, 'unclear');
    }
  }

  // ------------------------------------------------------------ filing flow

  function newDraft(turn: Turn, description: string): Draft {
    const { cls } = turn;
    const draft: Draft = {
      description, category: cls.intent === 'lapor' ? cls.category : null, confidence: cls.intent === 'lapor' ? cls.confidence : 0,
      alternatives: cls.alternatives, photos: [], confidential: false, photoAsked: false, duplicateChecked: false, startedAt: turn.now,
    };
    if (cls.location && description) {
      draft.location = { text: cls.location.text, ...areaOf(turn), ...(cls.location.rt ? { rt: cls.location.rt } : {}), ...(cls.location.rw ? { rw: cls.location.rw } : {}) };
    }
    return draft;
  }

  function areaOf(turn: Turn): { kelurahan?: string; kecamatan?: string } {
    const a = turn.cls.area;
    return { ...(a?.kelurahan ? { kelurahan: a.kelurahan } : {}), ...(a?.kecamatan ? { kecamatan: a.kecamatan } : {}) };
  }

  /** A shared pin and an attached photo go into the draft whatever the question was. */
  function attachExtras(turn: Turn, draft: Draft): void {
    const { msg } = turn;
    if (msg.location) {
      const l = msg.location;
      const text = [l.name, l.address].filter(Boolean).join(', ') || `Titik peta ${l.latitude.toFixed(5)}, ${l.longitude.toFixed(5)}`;
      draft.location = { ...(draft.location ?? {}), text: draft.location?.text && !draft.location.latitude ? draft.location.text : text, latitude: l.latitude, longitude: l.longitude };
    }
    if (msg.media?.kind === 'photo' && msg.media.path && draft.photos.length < 10) draft.photos.push(msg.media.path);
  }

  function startComplaint(turn: Turn): void {
    const draft = newDraft(turn, turn.text);
    attachExtras(turn, draft);
    turn.state.data = { draft };
    const cat = draft.category ? turn.cfg.categories.find((c) => c.id === draft.category) : undefined;
    if (cat?.emergency) say(turn, 'emergency', { nomor_darurat: turn.cfg.city.emergency_number });
    continueDraft(turn);
  }

  /** Asks for the next missing piece, or for confirmation when nothing is missing. */
  function continueDraft(turn: Turn): void {
    const draft = turn.state.data.draft!;
    const cfg = turn.cfg;
    if (!draft.description) return ask(turn, 'description', 'ask_description');
    if (!draft.category || draft.confidence < cfg.city.min_confidence) {
      const options = categoryOptions(turn, draft);
      return ask(turn, 'category', 'ask_category', {
        pilihan: options.map((o, i) => `${i + 1}. ${o.label}`).join('\n'),
      }, options);
    }
    const label = categoryLabel(cfg, draft.category);
    if (!draft.location) return ask(turn, 'location', 'ask_location', { kategori: label });
    const emergency = cfg.categories.find((c) => c.id === draft.category)?.emergency ?? false;
    if (!draft.photoAsked && draft.photos.length === 0 && !emergency) {
      draft.photoAsked = true;
      return ask(turn, 'photo', 'ask_photo', { lokasi: draft.location.text });
    }
    if (!draft.duplicateChecked) {
      draft.duplicateChecked = true;
      const dup = findDuplicate(store, cfg, clock.now(), draft, turn.citizen.id);
      if (dup) {
        turn.state.data.duplicateOf = dup.id;
        return ask(turn, 'duplicate', 'duplicate_found', {
          nomor: dup.number, kategori: categoryLabel(cfg, dup.category), lokasi: dup.locationText, status: dup.state,
          pendukung: store.tickets.supporters(dup.id).length + 1,
        }, [
          { id: `dukung:${dup.id}`, label: reply(cfg, 'duplicate_support', { nomor: dup.number }) },
          { id: 'baru', label: reply(cfg, 'duplicate_new') },
        ]);
      }
    }
    ask(turn, 'confirm', 'confirm_summary', {
      kategori: label,
      lokasi: draft.location.text,
      keterangan: draft.description.length > 300 ? `${draft.description.slice(0, 300)}…` : draft.description,
      foto: draft.photos.length ? `${draft.photos.length} foto` : '-',
    }, [
      { id: 'ya', label: reply(cfg, 'confirm_yes') },
      { id: 'tidak', label: reply(cfg, 'confirm_no') },
    ]);
  }

  function categoryOptions(turn: Turn, draft: Draft): Choice[] {
    const cfg = turn.cfg;
    const ids = draft.alternatives.map((a) => a.category).filter((id) => id !== 'lainnya' && cfg.categories.some((c) => c.id === id));
    if (draft.category && draft.category !== 'lainnya' && !ids.includes(draft.category)) ids.unshift(draft.category);
    const top = [...new Set(ids)].slice(0, 4);
    if (top.length < 3) {
      for (const c of cfg.categories) if (c.id !== 'lainnya' && !top.includes(c.id) && top.length < 6) top.push(c.id);
    }
    return [...top, 'lainnya'].map((id) => ({ id: `kategori:${id}`, label: categoryLabel(cfg, id) }));
  }

  /** Handles the interruptions any pending question allows; true when the message was one. */
  function interruption(turn: Turn): boolean {
    const { text, cls } = turn;
    if (!text) return false;
    if (isCancel(text) || (cls.intent === 'batal' && turn.state.data.draft)) {
      reset(turn);
      say(turn, 'draft_cancelled');
      return true;
    }
    const numbers = findTicketNumbers(text, turn.cfg.city.ticket_prefix);
    if (numbers.length > 0 && cls.intent !== 'lapor') {
      statusOf(turn, numbers);
      repeatQuestion(turn);
      return true;
    }
    if (cls.intent === 'cek_status') {
      statusList(turn);
      repeatQuestion(turn);
      return true;
    }
    if (cls.intent === 'sapaan' || cls.intent === 'terima_kasih') {
      repeatQuestion(turn);
      return true;
    }
    if (isConfidential(text) && turn.state.data.draft) {
      turn.state.data.draft.confidential = true;
      say(turn, 'confidential_set');
      repeatQuestion(turn);
      return true;
    }
    return false;
  }

  function answerDescription(turn: Turn): void {
    if (interruption(turn)) return;
    const draft = turn.state.data.draft;
    if (!draft) return idle(turn);
    attachExtras(turn, draft);
    if (!turn.text || !hasWords(turn.text)) {
      if (turn.msg.media?.path) say(turn, 'photo_received');
      return ask(turn, 'description', 'ask_description');
    }
    draft.description = turn.text;
    if (turn.cls.intent === 'lapor' || turn.cls.category) {
      draft.category = turn.cls.category;
      draft.confidence = turn.cls.confidence;
      draft.alternatives = turn.cls.alternatives;
    }
    if (!draft.location && turn.cls.location) draft.location = { text: turn.cls.location.text, ...areaOf(turn) };
    continueDraft(turn);
  }

  function answerLocation(turn: Turn): void {
    const draft = turn.state.data.draft;
    if (!draft) return idle(turn);
    if (!turn.msg.location && interruption(turn)) return;
    attachExtras(turn, draft);
    if (!draft.location) {
      const text = turn.text;
      if (turn.cls.location) {
        draft.location = { text: turn.cls.location.text, ...areaOf(turn), ...(turn.cls.location.rt ? { rt: turn.cls.location.rt } : {}), ...(turn.cls.location.rw ? { rw: turn.cls.location.rw } : {}) };
      } else if (text && hasWords(text) && text.length >= 3 && !isNo(text) && !isSkip(text)) {
        // Citizens describe places freely ("belakang rumah pak RT"); keep their words.
        draft.location = { text: text.slice(0, 300), ...areaOf(turn) };
      }
    }
    if (!draft.location) {
      if (turn.msg.media?.path) say(turn, 'photo_received');
      return ask(turn, 'location', 'ask_location_again');
    }
    if (turn.msg.media?.path) say(turn, 'photo_received');
    continueDraft(turn);
  }

  function answerPhoto(turn: Turn): void {
    const draft = turn.state.data.draft;
    if (!draft) return idle(turn);
    if (turn.msg.media?.path || turn.msg.location) {
      attachExtras(turn, draft);
      if (turn.msg.media?.path) say(turn, 'photo_received');
      return continueDraft(turn);
    }
    const text = turn.text;
    if (!isSkip(text) && !isNo(text) && interruption(turn)) return;
    if (!isSkip(text) && text.split(/\s+/).length >= 4) {
      // More detail instead of a photo: keep it with the description.
      draft.description = `${draft.description}\n${text}`.slice(0, MAX_TEXT_CHARS);
    }
    // The photo is optional: any other answer ("nanti", "ok", "foto nyusul") moves on; a photo can still come at the summary.
    continueDraft(turn);
  }

  function answerCategory(turn: Turn): void {
    const draft = turn.state.data.draft;
    if (!draft) return idle(turn);
    const picked = pickedChoice(turn) ?? byLabel(turn);
    if (picked?.startsWith('kategori:')) {
      draft.category = picked.slice('kategori:'.length);
      draft.confidence = 1;
      attachExtras(turn, draft);
      const cat = turn.cfg.categories.find((c) => c.id === draft.category);
      if (cat?.emergency) say(turn, 'emergency', { nomor_darurat: turn.cfg.city.emergency_number });
      return continueDraft(turn);
    }
    if (interruption(turn)) return;
    if (turn.cls.intent === 'lapor' && turn.cls.category && turn.cls.confidence >= turn.cfg.city.min_confidence) {
      // They explained again in words, clearly this time.
      draft.category = turn.cls.category;
      draft.confidence = turn.cls.confidence;
      draft.description = `${draft.description}\n${turn.text}`.slice(0, MAX_TEXT_CHARS);
      if (!draft.location && turn.cls.location) draft.location = { text: turn.cls.location.text, ...areaOf(turn) };
      return continueDraft(turn);
    }
    ask(turn, 'category', 'ask_category_again', {}, turn.state.data.choices);
  }

  function byLabel(turn: Turn): string | undefined {
    const t = turn.text.trim().toLowerCase();
    return turn.state.data.choices?.find((c) => c.label.toLowerCase() === t)?.id;
  }

  function answerConfirm(turn: Turn): void {
    const draft = turn.state.data.draft;
    if (!draft) return idle(turn);
    const picked = pickedChoice(turn);
    if (picked === 'ya' || (!picked && isYes(turn.text))) return fileDraft(turn, draft);
    if (picked === 'tidak' || (!picked && (isNo(turn.text) || isCancel(turn.text)))) {
      reset(turn);
      return say(turn, 'draft_cancelled');
    }
    if (turn.msg.media?.path || turn.msg.location) {
      attachExtras(turn, draft);
      if (turn.msg.media?.path) say(turn, 'photo_received');
      return continueDraft(turn);
    }
    if (interruption(turn)) return;
    ask(turn, 'confirm', 'confirm_again', {}, turn.state.data.choices);
  }

  function answerDuplicate(turn: Turn): void {
    const draft = turn.state.data.draft;
    const dupId = turn.state.data.duplicateOf;
    if (!draft || dupId === undefined) return idle(turn);
    const picked = pickedChoice(turn);
    if (picked?.startsWith('dukung:') || (!picked && isYes(turn.text))) {
      supportTicket(turn, dupId);
      reset(turn);
      return;
    }
    if (picked === 'baru' || (!picked && isNo(turn.text))) {
      delete turn.state.data.duplicateOf;
      return continueDraft(turn);
    }
    if (interruption(turn)) return;
    ask(turn, 'duplicate', 'duplicate_again', {}, turn.state.data.choices);
  }

  function fileDraft(turn: Turn, draft: Draft): void {
    const cfg = turn.cfg;
    const category = draft.category ?? 'lainnya';
    const trusted = store.trustedReporters.find(turn.msg.channel, turn.citizen.address)
      ?? (turn.msg.sender.aliases ?? []).map((a) => store.trustedReporters.find(turn.msg.channel, a)).find(Boolean);
    const loc = draft.location;
    const kelurahan = loc?.kelurahan ?? trusted?.kelurahan ?? null;
    const kecamatan = loc?.kecamatan ?? trusted?.kecamatan ?? kecamatanOf(kelurahan);
    const decision = routeComplaint(cfg, { category, confidence: draft.confidence, text: draft.description, kelurahan, kecamatan });
    if (decision.kind === 'reject') {
      reset(turn);
      return say(turn, 'rejected_by_rule', { alasan: decision.message });
    }
    const emergency = cfg.categories.find((c) => c.id === category)?.emergency ?? false;
    const ticket = tickets.file({
      citizenId: turn.citizen.id, channel: turn.msg.channel, category, agency: decision.agency,
      description: draft.description, locationText: loc?.text ?? null, kelurahan, kecamatan,
      rt: loc?.rt ?? trusted?.rt ?? null, rw: loc?.rw ?? trusted?.rw ?? null,
      latitude: loc?.latitude ?? null, longitude: loc?.longitude ?? null, confidence: draft.confidence, emergency,
      confidential: draft.confidential, trustedReporter: trusted ? `${trusted.name} (Ketua RT ${trusted.rt ?? '-'}/RW ${trusted.rw ?? '-'})` : null,
      routeRule: decision.rule, triage: decision.triage, photos: draft.photos,
    }, { type: 'citizen', id: String(turn.citizen.id) });
    turn.ticket = ticket;
    reset(turn);
    if (decision.triage) say(turn, 'filed_triage', { nomor: ticket.number });
    else say(turn, 'filed', { nomor: ticket.number, kategori: categoryLabel(cfg, category), dinas: agencyName(cfg, decision.agency) });
    if (trusted) say(turn, 'filed_trusted', { rt: trusted.rt, rw: trusted.rw, kelurahan: trusted.kelurahan });
  }

  function kecamatanOf(kelurahan: string | null): string | null {
    if (!kelurahan || !deps.areas) return null;
    const kel = deps.areas.kelurahan.find((k) => areaKey(k.name) === areaKey(kelurahan));
    return deps.areas.kecamatan.find((k) => k.code === kel?.kecamatanCode)?.name ?? null;
  }

  // ----------------------------------------------------------- status, info

  function statusOf(turn: Turn, numbers: string[]): void {
    for (const n of numbers.slice(0, 3)) {
      const t = store.tickets.getByNumber(n);
      // Only the reporter and supporters see a ticket's details; anyone else is told it does not exist.
      const mine = t && (t.citizenId === turn.citizen.id || store.tickets.supporters(t.id).includes(turn.citizen.id));
      if (!t || !mine) {
        say(turn, 'status_not_found', { nomor: n });
        continue;
      }
      say(turn, 'status_one', {
        nomor: t.number, kategori: categoryLabel(turn.cfg, t.category), status: t.state, dinas: agencyName(turn.cfg, t.agency),
        lokasi: t.locationText, diperbarui: localTime(turn.cfg, t.updatedAt),
      });
    }
  }

  function statusList(turn: Turn): void {
    const mine = store.tickets.list({ citizenId: turn.citizen.id, states: OPEN_STATES, limit: 10 });
    if (mine.length === 0) return say(turn, 'status_none');
    if (mine.length === 1) return statusOf(turn, [mine[0]!.number]);
    const lines = mine.map((t) => reply(turn.cfg, 'status_list_item', { nomor: t.number, kategori: categoryLabel(turn.cfg, t.category), status: t.state }));
    turn.replies.push({ text: [reply(turn.cfg, 'status_list_header'), ...lines].join('\n') });
  }

  function answerInfo(turn: Turn): void {
    const words = ` ${turn.cls.normalized || turn.text.toLowerCase()} `;
    let best: { answer: string; score: number } | undefined;
    for (const f of turn.cfg.faq) {
      const score = f.keywords.reduce((s, k) => (words.includes(` ${k.toLowerCase()} `) || words.includes(k.toLowerCase()) ? s + k.length : s), 0);
      if (score > 0 && (!best || score > best.score)) best = { answer: f.answer, score };
    }
    if (best) turn.replies.push({ text: best.answer });
    else say(turn, 'info_fallback');
  }

  // ------------------------------------------------- citizen ticket controls

  function cancelTicket(turn: Turn, number: string): void {
    const t = store.tickets.getByNumber(number);
    if (!t || t.citizenId !== turn.citizen.id) return say(turn, 'status_not_found', { nomor: number });
    if (!canApply('batalkan', t.state)) return say(turn, 'ticket_cannot_cancel', { nomor: t.number, status: t.state });
    turn.ticket = tickets.act(t.id, 'batalkan', { actor: { type: 'citizen', id: String(turn.citizen.id) }, note: 'Dibatalkan oleh pelapor' });
    say(turn, 'ticket_cancelled', { nomor: t.number });
  }

  function supportTicket(turn: Turn, ticketId: number): void {
    const t = store.tickets.get(ticketId);
    if (!t) return say(turn, 'unclear');
    if (!tickets.support(ticketId, turn.citizen.id)) return say(turn, 'already_supporting', { nomor: t.number });
    say(turn, 'supported', { nomor: t.number });
  }

  /** The citizen's own ticket most recently marked selesai, waiting for "Sudah beres?". */
  function feedbackTicket(turn: Turn): Ticket | undefined {
    return store.tickets.list({ citizenId: turn.citizen.id, states: ['selesai'], limit: 5 }).find((t) => t.citizenId === turn.citizen.id);
  }

  function feedback(turn: Turn, ticketId: number, resolved: boolean, note?: string): void {
    const t = store.tickets.get(ticketId);
    if (!t || t.citizenId !== turn.citizen.id || t.state !== 'selesai') {
      if (t && t.citizenId === turn.citizen.id) return statusOf(turn, [t.number]);
      return say(turn, 'unclear');
    }
    const actor = { type: 'citizen' as const, id: String(turn.citizen.id) };
    if (resolved) {
      turn.ticket = tickets.act(t.id, 'tutup', { actor, note: 'Warga menyatakan sudah beres' });
      turn.state = { pending: null, data: { ticketId: t.id } };
      ask(turn, 'rating', 'ask_rating', {}, [1, 2, 3, 4, 5].map((n) => ({ id: `nilai:${n}`, label: '⭐'.repeat(n) })));
    } else {
      // Reopen at once, so a citizen who never writes the note is not mistaken for a satisfied one.
      reopen(turn, t, note ?? 'Warga menyatakan masalah belum beres');
      if (!note) {
        turn.state = { pending: null, data: { ticketId: t.id } };
        ask(turn, 'reopen_note', 'ask_reopen_note', { dinas: agencyName(turn.cfg, t.agency) });
      }
    }
  }

  function answerRating(turn: Turn): void {
    const ticketId = turn.state.data.ticketId;
    if (ticketId === undefined) return idle(turn);
    const picked = turn.msg.choice?.startsWith('nilai:') ? Number(turn.msg.choice.slice(6)) : ratingValue(turn.text);
    if (picked !== undefined && picked >= 1 && picked <= 5) {
      tickets.rate(ticketId, picked, null, { type: 'citizen', id: String(turn.citizen.id) });
      turn.state = { pending: null, data: { ticketId } };
      return ask(turn, 'comment', 'ask_comment');
    }
    if (isSkip(turn.text)) return thankForRating(turn, ticketId);
    if (interruption(turn)) return;
    ask(turn, 'rating', 'ask_rating_again', {}, turn.state.data.choices);
  }

  function answerComment(turn: Turn): void {
    const ticketId = turn.state.data.ticketId;
    if (ticketId === undefined) return idle(turn);
    if (turn.text && !isSkip(turn.text) && hasWords(turn.text)) {
      if (turn.cls.intent === 'lapor' && turn.cls.confidence >= 0.8 && turn.cls.location) {
        // Not a comment but a new complaint: start it.
        reset(turn);
        return startComplaint(turn);
      }
      tickets.rate(ticketId, null, turn.text, { type: 'citizen', id: String(turn.citizen.id) });
    }
    thankForRating(turn, ticketId);
  }

  function thankForRating(turn: Turn, ticketId: number): void {
    const t = store.tickets.get(ticketId);
    reset(turn);
    say(turn, 'rating_thanks', { nomor: t?.number });
  }

  /** The citizen's note after a bare "belum": the ticket is already reopened, so the note goes to the desk. */
  function answerReopenNote(turn: Turn): void {
    const ticketId = turn.state.data.ticketId;
    if (ticketId === undefined) return idle(turn);
    const t = store.tickets.get(ticketId);
    if (!t || !OPEN_STATES.includes(t.state)) {
      reset(turn);
      return idle(turn);
    }
    if (isCancel(turn.text) || isSkip(turn.text)) {
      // Nothing to add: the ticket is already reopened.
      reset(turn);
      return say(turn, 'reopen_note_skipped', { dinas: agencyName(turn.cfg, t.agency) });
    }
    if (!turn.text && !turn.msg.media?.path) return repeatQuestion(turn);
    tickets.citizenNote(t, turn.citizen.id, turn.text || undefined, turn.msg.media?.path);
    reset(turn);
    say(turn, 'reopen_note_received', { dinas: agencyName(turn.cfg, t.agency) });
  }

  function reopen(turn: Turn, t: Ticket, note: string): void {
    turn.ticket = tickets.act(t.id, 'buka_kembali', { actor: { type: 'citizen', id: String(turn.citizen.id) }, note });
    if (turn.msg.media?.path) tickets.citizenNote(turn.ticket, turn.citizen.id, undefined, turn.msg.media.path);
    reset(turn);
    say(turn, 'reopened', { nomor: t.number, dinas: agencyName(turn.cfg, t.agency) });
  }

  return { handle };
}

export type ConversationEngine = ReturnType<typeof createConversationEngine>;
