/**
 * Signals for the intent model beyond the words themselves: which phrase
 * lists of core/nlu/intent-rules.ts a message hits (thanks, cancelling,
 * status words next to a mention of a report, information questions, spam,
 * problem words), whether it carries a ticket number, a link or a phone
 * number, a question mark, how long it is, and whether it is only a greeting.
 * The model learns how much each counts, so no single rule decides alone.
 */
import type { NormalizedText } from './normalize.js';
import { compilePhrases } from './phrases.js';
import { SERVICE_WORDS, ADDRESSEE, CANCEL, FILLER_WORDS, GREETING_WORDS, INFO, INSULT, PROBLEM, REPORT_REF, SPAM, STATUS_WORDS, STRONG_INFO, THANKS } from './intent-rules.js';
import { findTicketNumbers } from './ticket-number.js';

const lists: [string, ReturnType<typeof compilePhrases>][] = Object.entries({
  cancel: compilePhrases(CANCEL),
  thanks: compilePhrases(THANKS),
  status: compilePhrases(STATUS_WORDS),
  ref: compilePhrases(REPORT_REF),
  info: compilePhrases(INFO),
  strongInfo: compilePhrases(STRONG_INFO),
  spam: compilePhrases(SPAM),
  problem: compilePhrases(PROBLEM),
  insult: compilePhrases(INSULT),
  addressee: compilePhrases(ADDRESSEE),
});
const QUESTION = new Set(['apa', 'apakah', 'bagaimana', 'kapan', 'dimana', 'berapa', 'siapa', 'bisakah', 'bolehkah', 'kemana', 'mana', 'kenapa', 'mengapa']);
/** A ticket number of any city ("BM-0042", "TTE 0031", "#PLU0051"): letters then digits with a leading zero or a dash. */
const ANY_TICKET = /(?<![\p{L}\p{N}])#?[A-Za-z]{2,4}(?:-\s?\d{1,6}|\s?0\d{1,5}|#\d{1,6})(?![\p{N}])/u;
const URL = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|id|net|org|ly|xyz|io)\b|wa\.me/i;
const PHONE = /(?:\+62|\b0)8\d[\d\s-]{6,}/;

function bucket(n: number): string {
  if (n <= 1) return '1';
  if (n <= 3) return '2-3';
  if (n <= 6) return '4-6';
  if (n <= 12) return '7-12';
  if (n <= 25) return '13-25';
  return '26+';
}

/** The flag names of one message (stable strings; the model hashes them). */
export function intentFlags(n: NormalizedText, raw: string, ticketPrefix: string, keywordTotal: number, hasPlace: boolean): string[] {
  const w = n.words;
  const out: string[] = [`len:${bucket(w.length)}`];
  const hits: Record<string, number> = {};
  for (const [name, set] of lists) {
    const c = set.count(w);
    hits[name] = c;
    if (c > 0) out.push(`list:${name}`);
  }
  if (hits.ref && hits.status) out.push('list:ref+status');
  if (hits.problem && hits.ref) out.push('list:ref+problem');
  if (hits.problem! >= 2) out.push('list:problem2');
  if (hits.insult && hits.addressee) out.push('list:insult+addressee');
  if (hits.insult && !hits.problem) out.push('list:insult-only');
  const text = raw.slice(0, 4000);
  // The regular expressions only run when the cheap test says they could match.
  const digits = /\d/.test(text);
  if (digits && (findTicketNumbers(text, ticketPrefix).length > 0 || ANY_TICKET.test(text))) out.push('ticket');
  if ((text.includes('.') || text.includes('/')) && URL.test(text)) out.push('url');
  if (digits && PHONE.test(text)) out.push('phone');
  const question = text.includes('?') || w.some((x) => QUESTION.has(x));
  if (text.includes('?')) out.push('qmark');
  if (w.some((x) => QUESTION.has(x))) out.push('qword');
  // A question about a city service is information; a question about football or recipes is chatter.
  const topical = keywordTotal > 0 || w.some((x) => SERVICE_WORDS.has(x));
  if (question) out.push(topical ? 'question-on-topic' : 'question-off-topic');
  if (!topical) out.push('off-topic');
  if (n.allCaps && w.length > 2) out.push('caps');
  if (hasPlace) out.push('place');
  if (keywordTotal > 0) out.push('kw');
  if (keywordTotal >= 3) out.push('kw3');
  if (keywordTotal >= 6) out.push('kw6');
  const greetOnly = w.length > 0 && w.every((x) => GREETING_WORDS.has(x) || /^p+$/.test(x));
  if (greetOnly) out.push('greeting-only');
  const fillerOnly = w.length > 0 && w.every((x) => FILLER_WORDS.has(x) || GREETING_WORDS.has(x));
  if (fillerOnly) out.push('filler-only');
  if (!/\p{L}/u.test(text)) out.push('no-letters');
  return out;
}
