/**
 * Reads the short answers citizens type to the bot's questions ("ya min",
 * "ga usah", "3 aja, lama bgt", "belum pak masih mati") with the vocabulary
 * admins keep in prompts/words.yaml. Free-text understanding is the
 * classifier's job; this only decides which answer a short reply is.
 * The matching rules are described in docs/conversation.md.
 */
import type { Words } from '../config/schema.js';

/** Lower case, letters/digits/spaces only, stretched letters squeezed ("yaaa" → "ya", "okeee" → "oke"). */
export function squeeze(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/(\p{L})\1+\b/gu, (m, c: string) => (/[aiueo]/.test(c) ? c : m))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Compiled once per configuration: the lists as sets of squeezed phrases. */
interface Vocabulary {
  particles: Set<string>;
  lists: Record<AnswerList, { phrases: Set<string>; words: Set<string> }>;
  numbers: Map<string, number>;
  numberWords: Set<string>;
}

/** The lists of prompts/words.yaml that answer a question. */
export type AnswerList = 'yes' | 'no' | 'skip' | 'cancel' | 'resolved' | 'unresolved' | 'new_report' | 'unknown';

const compiled = new WeakMap<Words, Vocabulary>();

function vocabulary(w: Words): Vocabulary {
  let v = compiled.get(w);
  if (v) return v;
  const set = (xs: readonly string[]) => new Set(xs.map(squeeze).filter(Boolean));
  const list = (xs: readonly string[]) => {
    const phrases = set(xs);
    return { phrases, words: new Set([...phrases].filter((p) => !p.includes(' '))) };
  };
  v = {
    particles: set(w.particles),
    lists: {
      yes: list(w.yes), no: list(w.no), skip: list(w.skip), cancel: list(w.cancel),
      resolved: list(w.resolved), unresolved: list(w.unresolved), new_report: list(w.new_report), unknown: list(w.unknown),
    },
    numbers: new Map(Object.entries(w.numbers).map(([k, n]) => [squeeze(k), n])),
    numberWords: set(w.number_words),
  };
  compiled.set(w, v);
  return v;
}

/** The words of an answer without the particles around it ("ga usah min" → ["ga", "usah"]); never empty when the text has words. */
export function core(w: Words, text: string): string[] {
  const { particles } = vocabulary(w);
  const tokens = squeeze(text).split(' ').filter(Boolean);
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && particles.has(tokens[start]!)) start++;
  while (end - start > 1 && particles.has(tokens[end - 1]!)) end--;
  return tokens.slice(start, end);
}

/**
 * Is the text one answer of a list: a phrase of it ("tidak jadi"), or only its
 * words and particles ("ya kirim aja", "siap pak, kirim", "iyaa bener")?
 */
export function saysOnly(w: Words, list: AnswerList, text: string): boolean {
  const v = vocabulary(w);
  const { phrases, words } = v.lists[list];
  const tokens = squeeze(text).split(' ').filter(Boolean);
  if (tokens.length === 0) return false;
  // Read left to right: the longest phrase of the list at each place, else a particle or a single word of the list.
  let i = 0;
  let matched = false;
  while (i < tokens.length) {
    let step = 0;
    for (let n = Math.min(4, tokens.length - i); n >= 1; n--) {
      if (phrases.has(tokens.slice(i, i + n).join(' '))) { step = n; matched = true; break; }
    }
    if (step === 0) {
      if (!v.particles.has(tokens[i]!) && !words.has(tokens[i]!)) return false;
      step = 1;
    }
    i += step;
  }
  return matched;
}

/** Does the text start with an answer of the list ("belum pak, airnya masih mati")? Returns how many words it took. */
export function startsWith(w: Words, list: AnswerList, text: string): number {
  const v = vocabulary(w);
  const tokens = squeeze(text).split(' ').filter(Boolean);
  let i = 0;
  while (i < tokens.length - 1 && v.particles.has(tokens[i]!)) i++;
  for (let n = Math.min(4, tokens.length - i); n >= 1; n--) {
    if (v.lists[list].phrases.has(tokens.slice(i, i + n).join(' '))) return i + n;
  }
  return 0;
}

/** A thumbs-up or OK sign alone (any skin tone): how many citizens say yes on WhatsApp. */
const YES_EMOJI = new Set(['\u{1F44D}', '\u{1F44C}', '\u2705', '\u{1F197}', '\u2714']);
function yesEmoji(t: string): boolean {
  const signs = [...t.replace(/\s|\uFE0F|[\u{1F3FB}-\u{1F3FF}]/gu, '')];
  return signs.length > 0 && signs.every((c) => YES_EMOJI.has(c));
}
/** "Kirim laporan ini?" answered yes (also "1", 👍). */
export const isYes = (w: Words, t: string) => squeeze(t) === '1' || saysOnly(w, 'yes', t) || yesEmoji(t);
/** Answered no (also "2"). */
export const isNo = (w: Words, t: string) => squeeze(t) === '2' || saysOnly(w, 'no', t);
/** What a skipped question asks for: "ga usah fotonya", "gak usah pake foto ya", "lokasinya gak ada" are skips too. */
const SKIPPED_THINGS = new Set(['foto', 'fotonya', 'poto', 'potonya', 'gambar', 'gambarnya', 'pake', 'pakai', 'pakek', 'kirim', 'lokasi', 'lokasinya', 'alamat', 'alamatnya']);
/** "lewati", "gak ada", "nanti aja", "ga usah fotonya min"… */
export function isSkip(w: Words, t: string): boolean {
  if (saysOnly(w, 'skip', t)) return true;
  const tokens = squeeze(t).split(' ').filter(Boolean);
  const rest = tokens.filter((tok) => !SKIPPED_THINGS.has(tok));
  return rest.length > 0 && rest.length < tokens.length && saysOnly(w, 'skip', rest.join(' '));
}
/** What the citizen does not know, after "gak tau" ("gak tau nama jalannya persisnya di mana"). */
const UNKNOWN_WHAT = new Set(['nama', 'namanya', 'jalan', 'jalannya', 'jln', 'jl', 'gang', 'gangnya', 'alamat', 'alamatnya', 'lokasi', 'lokasinya', 'tempat', 'tempatnya',
  'persis', 'persisnya', 'pasti', 'pastinya', 'tepat', 'tepatnya', 'detail', 'detailnya', 'di', 'mana', 'dimana', 'daerah', 'daerahnya', 'situ', 'sana', 'sini', 'itu',
  'saya', 'sy', 'aku', 'gw', 'juga', 'jg', 'sih', 'deh', 'rt', 'rw', 'nomor', 'no', 'nomornya']);
/** "gak tau", "lupa nama jalannya min": the citizen does not know (the place); only that, no place named. */
export function isUnknown(w: Words, t: string): boolean {
  if (saysOnly(w, 'unknown', t)) return true;
  const { particles, lists } = vocabulary(w);
  const tokens = squeeze(t).split(' ').filter((tok) => tok && !particles.has(tok));
  for (let n = Math.min(3, tokens.length); n >= 1; n--) {
    if (lists.unknown.phrases.has(tokens.slice(0, n).join(' '))) return tokens.slice(n).every((tok) => UNKNOWN_WHAT.has(tok));
  }
  return false;
}
/** Drops the report being filled in. */
export const isCancel = (w: Words, t: string) => /^\/batal\b/.test(t.trim().toLowerCase()) || saysOnly(w, 'cancel', t);

const STOP = new Set(['stop', 'berhenti', 'unsubscribe', 'jangan kirim lagi', 'stop kabar', 'berhenti kabar']);
const RESUME = new Set(['lanjut kabar', 'mulai', 'resume', 'aktifkan', 'langganan', 'start kabar', 'lanjutkan kabar']);
// squeeze() drops the slash, so /start and /bantuan match too.
const MENU = new Set(['menu', 'bantuan', 'help', 'panduan', 'start', 'mulai lapor', 'info menu']);
const CONFIDENTIAL = new Set(['rahasia', 'rahasiakan', 'jangan dipublikasikan', 'jangan dipublikasi', 'privat', 'private', 'dirahasiakan']);

/** Commands (STOP, menu, RAHASIA) are fixed words the README documents, still tolerant of particles ("stop min"). */
function command(w: Words, set: Set<string>, text: string): boolean {
  return set.has(squeeze(text)) || set.has(core(w, text).join(' '));
}

/** STOP: no more status updates. */
export const isStop = (w: Words, t: string) => command(w, STOP, t);
/** "LANJUT" alone resumes updates only when the citizen had stopped them (the engine checks that). */
export const isResume = (w: Words, t: string) => command(w, RESUME, t) || squeeze(t) === 'lanjut';
/** The menu (also /start, bantuan). */
export const isMenu = (w: Words, t: string) => command(w, MENU, t);
/** Words asking to keep one's name out of sight, around the RAHASIA word ("tolong dirahasiakan nama saya ya"). */
const SECRET = new Set(['rahasia', 'rahasiakan', 'dirahasiakan', 'merahasiakan', 'privat', 'private']);
const HIDE = new Set(['sebut', 'disebut', 'sebutkan', 'tampilkan', 'ditampilkan', 'disebar', 'disebarkan', 'dipublikasi', 'dipublikasikan', 'dibuka', 'diumumkan']);
const IDENTITY = new Set(['nama', 'namaku', 'identitas', 'data', 'diri', 'pelapor', 'saya', 'sy', 'aku', 'ku', 'gw', 'gue', 'laporan', 'laporannya', 'ini', 'minta', 'harap',
  'tolong', 'mohon', 'jangan', 'jgn', 'usah', 'ga', 'gak', 'tidak', 'tdk', 'biar', 'agar', 'supaya', 'di', 'kan', 'dong', 'aja', 'saja', 'ya']);

/** RAHASIA: the report stays out of public data; also asked in a sentence ("identitas saya jangan disebar ya min"). */
export function isConfidential(w: Words, t: string): boolean {
  if (command(w, CONFIDENTIAL, t)) return true;
  const { particles } = vocabulary(w);
  const tokens = squeeze(t).split(' ').filter((tok) => tok && !particles.has(tok));
  const asks = tokens.some((tok) => SECRET.has(tok))
    || (tokens.some((tok) => HIDE.has(tok)) && tokens.some((tok) => tok === 'jangan' || tok === 'jgn') && tokens.some((tok) => tok.startsWith('nama') || tok === 'identitas'));
  return asks && tokens.every((tok) => SECRET.has(tok) || HIDE.has(tok) || IDENTITY.has(tok));
}

/** The tokens of a text as numbers are read ("4/5" → "4 dari 5"), and the numbers among them with their token index. */
function numbersIn(w: Words, text: string): { tokens: string[]; nums: { value: number; index: number }[] } {
  const v = vocabulary(w);
  const tokens = squeeze(text.replace(/(\d)\s*\/\s*(\d)/g, '$1 dari $2')).split(' ').filter(Boolean);
  const nums = tokens.flatMap((tok, index) => {
    if (/^\d{1,2}$/.test(tok)) return [{ value: Number(tok), index }];
    const n = v.numbers.get(tok);
    return n !== undefined ? [{ value: n, index }] : [];
  });
  return { tokens, nums };
}

/**
 * A choice number ("2", "no 2", "nomor dua", "yang kedua aja"), 1-based, when the
 * message is only that; undefined otherwise.
 */
export function choiceNumber(w: Words, text: string): number | undefined {
  const v = vocabulary(w);
  const { tokens, nums } = numbersIn(w, text);
  if (nums.length !== 1) return undefined;
  const others = tokens.filter((tok, i) => i !== nums[0]!.index && !v.numberWords.has(tok) && !v.particles.has(tok));
  return others.length === 0 ? nums[0]!.value : undefined;
}

/** "4 dari 5", "5 dr 5": the word before the scale. */
const SCALE = new Set(['dari', 'dr']);
/** A number followed by these is an amount ("3 hari", "2 kali"), not a rating. */
const NOT_A_RATING_AFTER = new Set(['hari', 'minggu', 'mgg', 'bulan', 'bln', 'tahun', 'thn', 'jam', 'menit', 'kali', 'x', 'meter', 'm', 'km', 'rb', 'ribu', 'juta', 'orang', 'rumah', 'titik', 'lubang', 'tiang', 'kk']);
/** A number after these is part of a place ("rt 3", "gang 2"), not a rating. */
const NOT_A_RATING_BEFORE = new Set(['rt', 'rw', 'no', 'gang', 'gg', 'jl', 'jalan', 'blok', 'km', 'lorong', 'lr', 'sd', 'sdn', 'smp', 'smpn', 'sma', 'sman']);

/**
 * A rating 1..5 with an optional comment: "4", "bintang 4", "empat", "⭐⭐⭐",
 * "4/5", "3 aja, lama bgt nambalnya" (rating 3, comment kept). Undefined when
 * no single rating is given.
 */
export function ratingOf(w: Words, text: string): { rating: number; comment?: string } | undefined {
  const stars = [...text].filter((c) => c === '⭐' || c === '★').length;
  if (stars >= 1 && stars <= 5 && !/[\p{L}\p{N}]/u.test(text)) return { rating: stars };
  const v = vocabulary(w);
  const { tokens, nums: all } = numbersIn(w, text);
  // "4 dari 5": the 5 is the scale, not a second rating.
  const nums = all.filter((n) => !(n.value === 5 && SCALE.has(tokens[n.index - 1] ?? '')));
  if (nums.length !== 1 || nums[0]!.value < 1 || nums[0]!.value > 5) {
    if (stars >= 1 && stars <= 5 && nums.length === 0) return { rating: stars, comment: text.trim() };
    return undefined;
  }
  const at = nums[0]!.index;
  // Before the rating only words about it ("nilai 4"), or praise and complaint ("mantap 5 bintang",
  // "lumayan lah 4, tapi lama"); never an amount or a place: "jalan 3 hari baru ditambal" and
  // "rt 3 masih gelap" are comments without a rating.
  const before = tokens.slice(0, at).filter((t) => !v.numberWords.has(t) && !v.particles.has(t));
  if (before.length > 0) {
    if (NOT_A_RATING_AFTER.has(tokens[at + 1] ?? '') || NOT_A_RATING_BEFORE.has(tokens[at - 1] ?? '')) return undefined;
    return { rating: nums[0]!.value, comment: text.trim() };
  }
  const rest = tokens.slice(at + 1).filter((t, i) => !v.numberWords.has(t) && !v.particles.has(t) && !SCALE.has(t) && !(t === '5' && SCALE.has(tokens[at + i] ?? '')));
  return rest.length > 0 ? { rating: nums[0]!.value, comment: text.trim() } : { rating: nums[0]!.value };
}

/** Text that carries no words at all (emoji only, punctuation only). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * An answer to "Sudah beres?", judged by how it starts: "belum pak masih mati"
 * is unresolved with a note, "udah beres makasih" resolved. "sudah tapi masih
 * bocor" is unresolved: a "but still" after a yes is a no.
 */
export function feedbackAnswer(w: Words, text: string): { resolved: boolean; rest: string } | undefined {
  if (squeeze(text) === '1') return { resolved: true, rest: '' };
  if (squeeze(text) === '2') return { resolved: false, rest: '' };
  const tokens = squeeze(text).split(' ');
  const no = startsWith(w, 'unresolved', text);
  const yes = startsWith(w, 'resolved', text);
  if (no > 0 && no >= yes) return { resolved: false, rest: tokens.slice(no).join(' ') };
  if (yes > 0) {
    const rest = tokens.slice(yes);
    if (rest.some((t) => t === 'tapi' || t === 'tp' || t === 'namun') && rest.some((t) => vocabulary(w).lists.unresolved.words.has(t))) {
      return { resolved: false, rest: rest.join(' ') };
    }
    return { resolved: true, rest: rest.join(' ') };
  }
  return undefined;
}

/**
 * How firmly a message opens with a "Sudah beres?" answer: 'strong' when the
 * answer stands apart ("belum, …", "belum pak …", "sudah."), 'weak' when it runs
 * into the sentence ("gak ada air pdam …" is a complaint that starts with "gak").
 */
export function feedbackStart(w: Words, text: string): 'strong' | 'weak' | undefined {
  const n = Math.max(startsWith(w, 'unresolved', text), startsWith(w, 'resolved', text));
  if (n === 0) return undefined;
  const raw = text.trim().toLowerCase().split(/\s+/);
  const tokens = squeeze(text).split(' ');
  if (tokens.length <= n) return 'strong';
  if (/[,.!?;:]$/.test(raw[n - 1] ?? '')) return 'strong';
  return vocabulary(w).particles.has(tokens[n]!) ? 'strong' : 'weak';
}

/** Does the text contain one of the phrases (squeezed, on word boundaries)? */
export function mentions(phrases: readonly string[], text: string): boolean {
  const s = ` ${squeeze(text)} `;
  return phrases.some((p) => s.includes(` ${squeeze(p)} `));
}
