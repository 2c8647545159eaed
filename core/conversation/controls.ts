/**
 * Step one of every message, whatever question is open: what cannot be an
 * answer (voice notes, empty messages, impossible map pins, buttons that were
 * never offered) and the citizen's controls (STOP/LANJUT, "batal BM-0001",
 * menu, RAHASIA, the "Sudah beres?" buttons).
 */
import type { MediaKind } from '../ports.js';
import type { ReplyKey } from '../config/reply-keys.js';
import { reply } from '../config/texts.js';
import { findTicketNumbers } from '../nlu/ticket-number.js';
import { validPin } from './draft.js';
import { feedback, feedbackChoice } from './feedback.js';
import { showSummary } from './filing.js';
import { cancelTicket } from './status.js';
import { offered, repeatQuestion, say, type EngineContext, type Turn } from './turn.js';
import { isConfidential, isMenu, isResume, isStop } from './words.js';

const MEDIA_NAME: Record<MediaKind, ReplyKey> = {
  photo: 'media_other', voice: 'media_voice', audio: 'media_audio', video: 'media_video', sticker: 'media_sticker',
  document: 'media_document', contact: 'media_contact', other: 'media_other',
};

/** Handles the message when it is one of these; true when nothing else should read it. */
export async function globalControls(ctx: EngineContext, turn: Turn): Promise<boolean> {
  const { msg } = turn;
  const media = msg.media;
  const words = turn.cfg.words;

  if (media && media.kind !== 'photo') {
    say(turn, 'unsupported_media', { jenis: reply(turn.cfg, MEDIA_NAME[media.kind]) });
    repeatQuestion(turn);
    return true;
  }
  if (media?.rejectedReason) {
    say(turn, media.rejectedReason === 'too_large' ? 'photo_too_large' : 'photo_failed');
    if (!turn.text && !msg.location) {
      repeatQuestion(turn);
      return true;
    }
  }
  if (msg.location && !validPin(msg.location)) {
    // "lokasi tidak valid": nothing of the pin is kept; the rest of the message is still read.
    say(turn, 'location_invalid');
    const { location: _dropped, ...rest } = msg;
    turn.msg = rest;
    if (!turn.text && !media?.path) {
      repeatQuestion(turn);
      return true;
    }
  }
  if (msg.choice) {
    const fb = await feedbackChoice(ctx, turn);
    if (fb) {
      await feedback(ctx, turn, fb.ticket, fb.resolved);
      return true;
    }
    if (!offered(turn, msg.choice)) {
      // A stale or forged button: it answers nothing. Read it as the (empty) text it carries.
      say(turn, 'choice_not_offered');
      repeatQuestion(turn);
      return true;
    }
  }
  if (!turn.text && !turn.msg.location && !media?.path && !msg.choice) {
    say(turn, 'empty_message');
    repeatQuestion(turn);
    return true;
  }
  const text = turn.text;
  if (!text) return false;
  if (isStop(words, text)) {
    await ctx.store.citizens.setMuted(turn.citizen.id, true);
    turn.citizen = { ...turn.citizen, muted: true };
    say(turn, 'stopped');
    return true;
  }
  if (turn.citizen.muted && isResume(words, text)) {
    await ctx.store.citizens.setMuted(turn.citizen.id, false);
    turn.citizen = { ...turn.citizen, muted: false };
    say(turn, 'resumed');
    return true;
  }
  const numbers = findTicketNumbers(text, turn.cfg.city.ticket_prefix);
  if (numbers.length > 0 && /^\s*\/?(batal|batalkan|cancel)\b/i.test(text)) {
    await cancelTicket(ctx, turn, numbers[0]!);
    repeatQuestion(turn);
    return true;
  }
  if (isMenu(words, text)) {
    say(turn, 'menu');
    repeatQuestion(turn);
    return true;
  }
  const draft = turn.state.data.draft;
  if (isConfidential(words, text) && draft) {
    draft.confidential = true;
    say(turn, 'confidential_set');
    // At the summary, show it again: it now says the report is confidential.
    if (turn.state.pending === 'confirm') showSummary(turn, draft);
    else repeatQuestion(turn);
    return true;
  }
  return false;
}
