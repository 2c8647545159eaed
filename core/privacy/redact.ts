/**
 * The one PII redactor: every text that leaves a citizen's own chat (desk
 * cards, relayed messages, /tiket, the web for non-admins, Open311, exports,
 * public pages) goes through here first. See docs/privacy.md.
 *
 * `staff` mode hides what no staff member needs to act: phone numbers in every
 * way Indonesians write them (08…, +62…, 62…, brackets, dots, slashes, dashes,
 * full-width digits, digits spelled out "nol delapan satu dua …"), NIK/KK
 * numbers (16 digits) and e-mail addresses. `public` mode also hides house
 * numbers after a street ("jl. datuk dibanta no 12") and names the citizen
 * introduced ("nama sy Siti Aminah"), since the street is enough for the public.
 */

export type RedactMode = 'staff' | 'public';

/** What replaces each kind of hidden text (Indonesian: staff and the public read it). */
export const REDACTED = {
  phone: '[nomor disembunyikan]',
  nik: '[NIK disembunyikan]',
  email: '[email disembunyikan]',
  name: '[nama disembunyikan]',
  houseNumber: '[disembunyikan]',
} as const;

/** Full-width (U+FF10…) and Arabic-Indic digits become ASCII; each is one UTF-16 unit, so positions keep. */
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const c = d.charCodeAt(0);
    const base = c >= 0xFF10 ? 0xFF10 : c >= 0x06F0 ? 0x06F0 : 0x0660;
    return String(c - base);
  }).replace(/\uFF0B/g, '+').replace(/[\uFF08]/g, '(').replace(/[\uFF09]/g, ')').replace(/[\uFF0D\u2010-\u2015\u2212]/g, '-');
}

/** A mobile number (08…, 628…) or a landline with its area code (0xxx), judged on its digits alone. */
function phoneDigits(d: string, plus: boolean): boolean {
  if (/^08\d{8,11}$/.test(d)) return true;
  if (/^628\d{7,11}$/.test(d)) return true;
  if (plus && /^62[2-9]\d{7,10}$/.test(d)) return true;
  return false;
}

interface Group { start: number; end: number; digits: string }

/**
 * Runs of digit groups joined by short separators (space, dot, dash, slash,
 * brackets). Inside a run the longest phone or NIK starting at each group is
 * hidden, so "RT 03/05 081234567890" keeps "03/05".
 */
function redactDigitRuns(text: string): string {
  const groupRe = /\d+/g;
  const groups: Group[] = [];
  for (const m of text.matchAll(groupRe)) groups.push({ start: m.index, end: m.index + m[0].length, digits: m[0] });
  if (groups.length === 0) return text;
  const joins = (a: Group, b: Group) => /^[\s.\-/()]{1,3}$/.test(text.slice(a.end, b.start)) && !/\n/.test(text.slice(a.end, b.start));
  // "(0374) 43210", "0374-646123": an area code, then the subscriber number.
  const landline = (a: Group, b: Group) => /^0[2-9]\d{1,2}$/.test(a.digits) && /^\d{5,8}$/.test(b.digits)
    && /^(?:\)\s?|-|\s)$/.test(text.slice(a.end, b.start)) && (text[a.end] !== ')' || text[a.start - 1] === '(');
  const cuts: { start: number; end: number; label: string }[] = [];
  let i = 0;
  while (i < groups.length) {
    const first = groups[i]!;
    const before = text.slice(Math.max(0, first.start - 3), first.start);
    const plus = /\+\s?\(?$|\+$/.test(before) || /\(\+$/.test(before);
    let best: { j: number; label: string } | undefined;
    let digits = '';
    for (let j = i; j < groups.length && digits.length <= 16; j++) {
      if (j > i && !joins(groups[j - 1]!, groups[j]!)) break;
      digits += groups[j]!.digits;
      // "-6.2812, 106.8456" is a coordinate, not 62812…: a 62 prefix is written as one group.
      const splitPrefix = digits.startsWith('62') && first.digits.length < 2;
      if ((phoneDigits(digits, plus) && !splitPrefix) || (j === i + 1 && landline(first, groups[j]!))) best = { j, label: REDACTED.phone };
      else if (digits.length === 16 && /^[1-9]\d{15}$/.test(digits)) best = { j, label: REDACTED.nik };
    }
    if (best) {
      let start = first.start;
      const lead = /(?:\(\s*\+?|\+\s?\(?)$/.exec(text.slice(0, start));
      if (lead) start -= lead[0].length;
      let end = groups[best.j]!.end;
      if (text[end] === ')' && text.slice(start, end).includes('(') && !text.slice(start, end).includes(')')) end++;
      cuts.push({ start, end, label: best.label });
      i = best.j + 1;
    } else {
      i++;
    }
  }
  let out = '';
  let at = 0;
  for (const c of cuts) {
    out += text.slice(at, c.start) + c.label;
    at = c.end;
  }
  return out + text.slice(at);
}

const DIGIT_WORDS: Record<string, string> = {
  nol: '0', kosong: '0', satu: '1', se: '1', dua: '2', tiga: '3', empat: '4', lima: '5', enam: '6', tujuh: '7', delapan: '8', lapan: '8', sembilan: '9',
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};

/** "nol delapan satu dua tiga empat lima enam tujuh delapan" (digits may mix in): a number read out. */
function redactSpelledNumbers(text: string): string {
  const word = `(?:${Object.keys(DIGIT_WORDS).join('|')}|\\d+)`;
  const run = new RegExp(`(?<![\\p{L}\\d])(?:plus\\s+|\\+\\s*)?${word}(?:[\\s,.-]{1,3}${word}){5,}(?![\\p{L}\\d])`, 'giu');
  return text.replace(run, (m) => {
    const plus = /^(?:plus|\+)/i.test(m);
    const digits = m.toLowerCase().replace(/^(?:plus|\+)/, '').split(/[\s,.-]+/).filter(Boolean).map((w) => DIGIT_WORDS[w] ?? w).join('');
    // A run of only numerals was already judged by the digit pass; this one needs a spelled word.
    if (/^[\d\s,.+-]+$/.test(m)) return m;
    return phoneDigits(digits, plus) || (digits.length === 16) ? (digits.length === 16 ? REDACTED.nik : REDACTED.phone) : m;
  });
}

// Bounded parts keep the scan linear on long runs of letters or digits.
const EMAIL = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]{1,64}@[\p{L}\d-]{1,63}(?:\.[\p{L}\d-]{1,63}){0,5}\.\p{L}{2,24}/gu;

/** "wa.me/6281234567890" and "tel:+62…" links carry the number glued to letters: hide the whole link. */
const PHONE_LINK = /\b(?:wa\.me\/|api\.whatsapp\.com\/send\?phone=|tel:)\+?\d[\d-]{7,16}/gi;

const STREET = '(?:jl|jln|jalan|gg|gang|lr|lorong|komp|kompleks|komplek|perum|perumahan|btn|blok|rumah|rmh)';
/** "jl. datuk dibanta no 12", "gg melati nomor 7a", "rumah sy no.3": the number, not the street. */
const HOUSE_NUMBER = new RegExp(`(\\b${STREET}\\b\\.?[^\\n,;:]{0,40}?\\b(?:no|nmr|nomor|nomer|num)\\b\\.?\\s*)\\d+[a-z]?(?:\\s?[/-]\\s?\\d+[a-z]?)?\\b`, 'giu');

/** Words that end a self-introduced name ("nama saya Siti Aminah mau lapor …"). */
const NAME_STOP = new Set([
  'mau', 'ingin', 'ingn', 'pengen', 'pgn', 'dari', 'tinggal', 'warga', 'rt', 'rw', 'di', 'yang', 'yg', 'dan', 'sama', 'mohon', 'tolong', 'mo', 'ini',
  'itu', 'lapor', 'melapor', 'bu', 'pak', 'alamat', 'no', 'nomor', 'hp', 'wa', 'umur', 'usia', 'kelurahan', 'kel', 'kecamatan', 'kec', 'jl', 'jalan',
  'gang', 'gg', 'sy', 'saya', 'sdh', 'sudah', 'udah', 'ada', 'kami', 'kak', 'min', 'admin', 'dengan', 'dgn', 'ya', 'mas', 'mbak', 'bang', 'tapi',
  'karena', 'krn', 'soal', 'tentang', 'ttg', 'minta', 'bisa', 'bs', 'perlu', 'butuh', 'kena', 'punya', 'rumah', 'rmh', 'hari', 'kemarin', 'td', 'tadi',
]);

const NAME_INTRO = /\b(?:nama\s*(?:saya|sy|sya|aku|ku|gw|gue|gua|sayah|kami)?|namaku|perkenalkan\s*(?:saya|sy|nama\s*saya)?|atas\s+nama|a\.\s?n\.?|an\.)\s*(?:adalah|:|-)?\s*/giu;

function redactIntroducedNames(text: string): string {
  return text.replace(new RegExp(`${NAME_INTRO.source}((?:[\\p{L}'.]{1,30}\\s*){1,4})`, 'giu'), (whole: string, nameRun: string) => {
    const intro = whole.slice(0, whole.length - nameRun.length);
    const words = nameRun.split(/(\s+)/);
    let taken = 0;
    let consumed = '';
    for (const w of words) {
      if (/^\s+$/.test(w)) { consumed += w; continue; }
      if (!w || NAME_STOP.has(w.toLowerCase().replace(/[.']/g, '')) || taken >= 3) break;
      taken++;
      consumed += w;
    }
    if (taken === 0) return whole;
    const rest = nameRun.slice(consumed.trimEnd().length);
    return `${intro}${REDACTED.name}${rest}`;
  });
}

/** Honorific and a capitalised name ("Bu Siti", "Pak Budi Santoso"), but not "Pak RT" or "Bu Lurah". */
const HONORIFIC_NAME = /\b(Pak|Bu|Bapak|Ibu|Mas|Mbak|Bang|Kak|Sdr|Sdri|Saudara|Saudari)\.?\s+((?:\p{Lu}[\p{Ll}']+)(?:\s+\p{Lu}[\p{Ll}']+){0,2})/gu;
const OFFICES = new Set(['Rt', 'Rw', 'Lurah', 'Camat', 'Kades', 'Wali', 'Walikota', 'Bupati', 'Kadis', 'Kepala', 'Dokter', 'Guru', 'Haji', 'Ustad', 'Polisi']);

function redactHonorificNames(text: string): string {
  return text.replace(HONORIFIC_NAME, (whole: string, title: string, name: string) => {
    const first = name.split(/\s+/)[0]!;
    return OFFICES.has(first) ? whole : `${title} ${REDACTED.name}`;
  });
}

/**
 * Hides personal data in a text that leaves the citizen's own chat.
 * `staff` (desks, non-admin web): phones, NIK/KK, e-mail. `public` (Open311,
 * public pages, exports): also house numbers after a street and names.
 */
export function redact(text: string, mode: RedactMode = 'staff'): string {
  if (!text) return text;
  let out = asciiDigits(text);
  out = out.replace(PHONE_LINK, REDACTED.phone).replace(EMAIL, REDACTED.email);
  out = redactDigitRuns(out);
  out = redactSpelledNumbers(out);
  if (mode === 'public') {
    out = out.replace(HOUSE_NUMBER, (_m, street: string) => `${street}${REDACTED.houseNumber}`);
    out = redactIntroducedNames(out);
    out = redactHonorificNames(out);
  }
  return out;
}

/** Shorthand for staff-facing text (agency desks, command-centre viewers). */
export const redactForStaff = (text: string): string => redact(text, 'staff');

/** Shorthand for text the public may read (Open311, public pages, exports). */
export const redactForPublic = (text: string): string => redact(text, 'public');
