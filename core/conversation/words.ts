/**
 * Recognises the short answers citizens type to the bot's questions ("ya",
 * "gk", "lewati", "2"), tolerant of case, punctuation, emoji and stretched
 * letters ("yaaa", "okee"). Free-text understanding is the classifier's job.
 */

/** Lower case, letters/digits/spaces only, stretched letters squeezed ("yaaa" → "ya"). */
export function squeeze(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s-]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const YES = new Set([
  'ya', 'y', 'iya', 'iy', 'yes', 'yup', 'ok', 'oke', 'okey', 'okay', 'ok kirim', 'benar', 'betul', 'bener', 'kirim', 'kirimkan',
  'sudah', 'sdh', 'udah', 'udh', 'setuju', 'lanjut', 'boleh', 'siap', 'sip', 'ya kirim', 'iya kirim', 'ya benar', 'iya benar',
  'nggih', 'enggih', 'muhun', 'mangga', 'leres', 'sampun', 'sudah beres', 'udah beres', 'beres', 'sudah selesai', 'selesai',
  'ya sudah', 'iya sudah', 'ya sudah beres', 'iya sudah beres', 'alhamdulillah sudah', 'alhamdulillah beres',
]);
const NO = new Set([
  'tidak', 'tdk', 'gak', 'ga', 'gk', 'nggak', 'ngga', 'enggak', 'engga', 'ndak', 'nda', 'no', 'jangan', 'tidak jadi', 'gak jadi',
  'ga jadi', 'nggak jadi', 'ora', 'mboten', 'henteu', 'teu', 'belum', 'blm', 'blum', 'belom', 'belum beres', 'blm beres',
  'belum selesai', 'masih', 'masih belum', 'tidak beres', 'gak beres', 'belum juga', 'teu acan', 'durung',
]);
const SKIP = new Set([
  'lewati', 'lewat', 'skip', 'tidak ada', 'gak ada', 'ga ada', 'gk ada', 'nggak ada', 'enggak ada', 'tdk ada', 'tidak ada foto',
  'gak ada foto', 'ga ada foto', 'tanpa foto', 'no', 'tidak', 'gak', 'ga', 'nggak', 'ndak ada', 'ora ono', 'teu aya', 'nanti',
  'tidak punya', 'gak punya', 'ga punya', 'lanjut', 'lanjut saja', 'lanjut aja', 'gak usah', 'ga usah', 'tidak usah', 'kosong',
]);
const CANCEL = new Set(['batal', 'batalkan', 'cancel', 'gak jadi', 'ga jadi', 'tidak jadi', 'nggak jadi', 'enggak jadi', 'udahan', 'stop laporan', 'batal aja', 'batal saja', 'ga jadi lapor', 'gak jadi lapor', 'tidak jadi lapor']);
const STOP = new Set(['stop', 'berhenti', 'unsubscribe', 'jangan kirim lagi', 'stop kabar']);
const RESUME = new Set(['lanjut kabar', 'mulai', 'resume', 'aktifkan', 'langganan', 'start kabar', 'lanjutkan kabar']);
// squeeze() drops the slash, so /start and /bantuan match too.
const MENU = new Set(['menu', 'bantuan', 'help', 'panduan', 'start', 'mulai lapor', 'info menu']);
const CONFIDENTIAL = new Set(['rahasia', 'rahasiakan', 'jangan dipublikasikan', 'privat', 'private']);

const has = (set: Set<string>, text: string) => set.has(squeeze(text));

export const isYes = (t: string) => has(YES, t) || squeeze(t) === '1';
export const isNo = (t: string) => has(NO, t) || squeeze(t) === '2';
export const isSkip = (t: string) => has(SKIP, t);
export const isCancel = (t: string) => has(CANCEL, t) || squeeze(t) === '/batal';
export const isStop = (t: string) => has(STOP, t) || squeeze(t) === '/stop';
/** "LANJUT" alone resumes updates only when the citizen had stopped them (the engine checks that). */
export const isResume = (t: string) => has(RESUME, t) || squeeze(t) === 'lanjut';
export const isMenu = (t: string) => has(MENU, t);
export const isConfidential = (t: string) => has(CONFIDENTIAL, t);

/** A typed choice number ("2", "no 2", "2."), 1-based, or undefined. */
export function choiceNumber(text: string): number | undefined {
  const m = /^(?:no\.?\s*|nomor\s*|pilih\s*)?(\d{1,2})$/.exec(squeeze(text));
  return m ? Number(m[1]) : undefined;
}

/** A rating 1..5 typed as a digit, "4/5", "nilai 4", or a word. */
export function ratingValue(text: string): number | undefined {
  const s = squeeze(text);
  const words: Record<string, number> = { satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5 };
  const m = /^(?:nilai\s*|rating\s*|bintang\s*)?([1-5])(?:\s*(?:dari\s*5|5|bintang))?$/.exec(s.replace(/\s*\/\s*/, ' ').replace(/ 5$/, ''));
  if (m) return Number(m[1]);
  if (words[s] !== undefined) return words[s];
  const stars = [...text].filter((c) => c === '⭐' || c === '★').length;
  return stars >= 1 && stars <= 5 ? stars : undefined;
}

/** Text that carries no words at all (emoji only, punctuation only). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

const FEEDBACK_NO = /^(belum|blm|belom|blom|masih|tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|ndak|durung|teu acan|acan|ora|mboten|no|2)\b/;
const FEEDBACK_YES = /^(sudah|udah|udh|sdh|dah|ya|iya|iy|y|yes|beres|alhamdulillah|sip|ok|oke|okey|mantap|mantab|makasih sudah|terima kasih sudah|selesai|sampun|enggih|nggih|muhun|1)\b/;

/**
 * An answer to "Sudah beres?", judged by how it starts: "belum pak masih mati"
 * is a no, "udah beres makasih" a yes. Negation wins: "sudah tapi belum" is unclear.
 */
export function feedbackAnswer(text: string): 'yes' | 'no' | undefined {
  const s = squeeze(text);
  if (!s) return undefined;
  if (FEEDBACK_NO.test(s)) return 'no';
  if (FEEDBACK_YES.test(s)) return /\b(belum|blm|masih|tapi|tetap)\b/.test(s) ? undefined : 'yes';
  return undefined;
}
