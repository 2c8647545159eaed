/**
 * Normalises informal Indonesian into tokens the classifier and the location
 * extractor share. Each input token keeps its original spelling (for the
 * location string shown to staff) next to the standard words it stands for,
 * so "jln.kartini dpn sdn4" becomes jalan | kartini | depan | sdn 4 while
 * "Kartini" stays capitalised. Place names and street names are never
 * rewritten by the slang lexicon.
 */
import { KEEP_DOUBLE, SLANG, SLANG_BIGRAMS } from './lexicon.js';

/** Longest text we look at; the rest of a very long message is ignored. */
export const MAX_CLASSIFY_CHARS = 4000;
const MAX_TOKENS = 600;

export interface Token {
  /** The token as typed (case kept, apostrophes dropped). */
  raw: string;
  /** Where it was typed: character offsets in NormalizedText.source (end exclusive). */
  start: number;
  end: number;
  /** Standard words it stands for (usually one; none when it is filler; two for "anak2"). */
  words: string[];
  /** Punctuation (.,!?;:) or a line break followed it: a name stops here. */
  breakAfter: boolean;
  /** Index of its first word in NormalizedText.words. */
  wordIndex: number;
}

export interface NormalizedText {
  tokens: Token[];
  /** All standard words in order. */
  words: string[];
  /** words joined by single spaces. */
  text: string;
  /** For each word, the index of the token it came from. */
  wordToken: number[];
  /** Typed without lower-case letters: capitals say nothing about names then. */
  allCaps: boolean;
  /** The text the tokens point into (clipped, accents and control characters removed). */
  source: string;
}

/** Abbreviations whose full stop does not end a name ("Jl. Flamboyan", "no. 12", "Dr. Soetomo", "kel. Dara"). */
const ABBREVIATIONS = new Set(['jl', 'jln', 'gg', 'no', 'nmr', 'kel', 'kec', 'ds', 'dsn', 'perum', 'komp', 'dr', 'ir', 'h', 'hj', 'kh', 'prof',
  'st', 'kol', 'kapt', 'jend', 'let', 'mayjen', 'brigjen', 'r', 'mt', 'tgh', 'drs', 'lr', 'lk', 'dk', 'dkt', 'dpn', 'blk', 'sbrg', 'rt', 'rw', 'i', 'a', 'k', 'tgk', 'sp', 'ling', 'lingk']);

/** Words that stay as typed after letters+digits are split ("rt03" → rt 03, "sdn4" → sdn 4, not "sdn sdn"). */
const NUMBERED = new Set(['rt', 'rw', 'no', 'nmr', 'nomor', 'km', 'sd', 'sdn', 'smp', 'smpn', 'sma', 'sman', 'smk', 'smkn', 'gg', 'gang',
  'blok', 'tps', 'mi', 'min', 'mts', 'mtsn', 'ma', 'man', 'lr', 'lorong', 'jl', 'jln', 'bm', 'rsud', 'pos', 'lingkungan', 'lk', 'dusun', 'tk', 'paud', 'covid']);

/** Titles and abbreviations that are part of street names: never expanded right after a street marker ("Jl. Dr. Soetomo"). */
const NAME_TITLES = new Set(['dr', 'ir', 'kh', 'h', 'hj', 'prof', 'kol', 'kapt', 'jend', 'let', 'mayjen', 'brigjen', 'r', 'st', 'tgk', 'teuku', 'cut', 'sultan', 'raden', 'mt', 'tgh']);

const STREET_MARKERS = new Set(['jalan', 'gang', 'lorong']);
/** Places whose names carry titles too ("RSUD dr. Pirngadi", "Masjid H. Ahmad", "Bandara Sultan ..."). */
const NAMED_PLACES = new Set(['rsud', 'rsu', 'rs', 'masjid', 'mesjid', 'musala', 'mushola', 'universitas', 'stadion', 'lapangan', 'gedung',
  'makam', 'pondok', 'bandara', 'pelabuhan', 'terminal', 'pasar', 'sdn', 'smpn', 'sman', 'smkn', 'puskesmas', 'taman', 'kampus']);

// eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/g;
const SPLIT = /[^\p{L}\p{N}'’`]+/gu;
const PUNCT_BREAK = /[.,!?;:\n()]/;

/** First words of the two-word slang entries: only these need a look at the next word. */
const BIGRAM_FIRST = new Set(Object.keys(SLANG_BIGRAMS).map((k) => k.split(' ')[0]!));

/** The slang/typo repair applied to one lower-case word, without context. */
export function lookupSlang(word: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(SLANG, word) ? SLANG[word] : undefined;
}

function squeeze(word: string, known: (w: string) => boolean): string {
  if (!/(\p{L})\1/u.test(word) || KEEP_DOUBLE.has(word)) return word;
  const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  if (known(two) || lookupSlang(two) !== undefined) return two;
  const one = two.replace(/(\p{L})\1+/gu, '$1');
  if (known(one) || lookupSlang(one) !== undefined) return one;
  return two === word ? word : one;
}

/** Splits "rt03", "sdn4", "anak2" and "no12" into their parts. */
function splitAlnum(word: string): string[] {
  // Only a word with both letters and digits can split; most words have none.
  if (!/\d/.test(word) || !/\p{L}/u.test(word)) return [word];
  const m = /^(\p{L}+)(\d+)$/u.exec(word);
  if (m) {
    const [, letters, digits] = m as unknown as [string, string, string];
    if (digits === '2' && letters.length >= 3 && !NUMBERED.has(letters)) return [letters, letters];
    return [letters, digits];
  }
  const n = /^(\d+)(\p{L}+)$/u.exec(word);
  if (n && n[1] && n[2] && n[2].length >= 2) return [n[1], n[2]];
  return [word];
}

/** Options that depend on the configuration (place names and known words). */
export interface NormalizerOptions {
  /** Lower-case words that are part of a place name in the configured city: never rewritten. */
  placeWords: ReadonlySet<string>;
  /** Words the classifier knows: used to repair "bauuu" → "bau" and "jalannya" → "jalan". */
  vocabulary: ReadonlySet<string>;
}

/** Builds a normaliser for the configured city; the returned function never throws. */
export function createNormalizer(options: NormalizerOptions): (input: string) => NormalizedText {
  const known = (w: string) => options.vocabulary.has(w);

  /** Words repeat across messages: each spelling is looked up once (bounded). The arrays are shared: never mutate them. */
  const cache = new Map<string, string[]>();
  function standardWords(lower: string, afterStreet: boolean): string[] {
    const key = afterStreet ? `${lower}\u0001` : lower;
    let out = cache.get(key);
    if (!out) {
      if (cache.size > 100_000) cache.clear();
      out = computeStandard(lower, afterStreet);
      cache.set(key, out);
    }
    return out;
  }

  function computeStandard(lower: string, afterStreet: boolean): string[] {
    if (options.placeWords.has(lower)) return [lower];
    // "kkk", "kkkk" are laughter, not "kk" (kartu keluarga) squeezed.
    if (/^k{3,}$/.test(lower)) return ['wkwk'];
    // A street name keeps its double letters ("Jl. Daan Mogot"); only elongations ("rusakkk") are squeezed.
    let w = afterStreet && !/(\p{L})\1\1/u.test(lower) ? lower : squeeze(lower, known);
    const slang = lookupSlang(w);
    if (slang !== undefined) {
      if (afterStreet && NAME_TITLES.has(w)) return [w];
      return slang === '' ? [] : slang.split(' ');
    }
    if (!known(w)) {
      for (const suffix of ['nya', 'ny', 'ya']) {
        if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
          const stem = w.slice(0, -suffix.length);
          const stemSlang = lookupSlang(stem);
          if (stemSlang) return stemSlang.split(' ');
          if (known(stem)) { w = stem; break; }
        }
      }
    }
    return [w];
  }

  return function normalize(input: string): NormalizedText {
    const text = typeof input === 'string' ? input : String(input ?? '');
    const clipped = text.length > MAX_CLASSIFY_CHARS ? text.slice(0, MAX_CLASSIFY_CHARS) : text;
    // Most messages are plain ASCII: accents and control characters only need work when present.
    const plain = /^[\x20-\x7e\n]*$/.test(clipped);
    const clean = plain ? clipped : clipped.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(CONTROL, (c) => (c === '\n' ? '\n' : ' '));

    // Raw pieces with whether punctuation followed them.
    const pieces: { raw: string; breakAfter: boolean; start: number }[] = [];
    let last = 0;
    const breaks = (raw: string, sep: string) => PUNCT_BREAK.test(sep) && !(/^\.\s*$/.test(sep) && ABBREVIATIONS.has(raw.toLowerCase()));
    for (const m of clean.matchAll(SPLIT)) {
      const raw = clean.slice(last, m.index);
      if (raw) pieces.push({ raw, breakAfter: breaks(raw, m[0]), start: last });
      else if (pieces.length > 0 && PUNCT_BREAK.test(m[0])) pieces[pieces.length - 1]!.breakAfter = true;
      last = m.index + m[0].length;
      if (pieces.length >= MAX_TOKENS) break;
    }
    if (pieces.length < MAX_TOKENS && last < clean.length) pieces.push({ raw: clean.slice(last), breakAfter: false, start: last });

    const tokens: Token[] = [];
    const words: string[] = [];
    const wordToken: number[] = [];
    let streetLeft = 0;
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p]!;
      const rawNoQuote = /['’`]/.test(piece.raw) ? piece.raw.replace(/['’`]/g, '') : piece.raw;
      if (!rawNoQuote) continue;
      const parts = splitAlnum(rawNoQuote);
      // Offsets of each part in the source (an apostrophe inside "Fo'o" stays in the typed span).
      let offset = piece.start;
      for (let i = 0; i < parts.length; i++) {
        const raw = parts[i]!;
        const lower = raw.toLowerCase();
        // Two-word slang first ("teu acan", "matur nuwun").
        const nextRaw = i + 1 < parts.length ? parts[i + 1] : (p + 1 < pieces.length ? pieces[p + 1]!.raw : undefined);
        const bigram = nextRaw && BIGRAM_FIRST.has(lower) ? SLANG_BIGRAMS[`${lower} ${nextRaw.toLowerCase()}`] : undefined;
        let standard: string[];
        let rawText = raw;
        if (bigram !== undefined && i + 1 >= parts.length && !piece.breakAfter) {
          standard = bigram ? bigram.split(' ') : [];
          rawText = `${raw} ${nextRaw}`;
          p++;
        } else {
          standard = standardWords(lower, streetLeft > 0 && /\p{L}/u.test(lower));
        }
        const start = offset;
        let end = i === parts.length - 1 ? piece.start + piece.raw.length : offset + raw.length;
        offset = end;
        if (rawText !== raw) end = pieces[p]!.start + pieces[p]!.raw.length;
        const token: Token = { raw: rawText, words: standard, breakAfter: i === parts.length - 1 && piece.breakAfter, wordIndex: words.length, start, end };
        if (i === parts.length - 1 && bigram !== undefined && rawText !== raw) token.breakAfter = pieces[p]!.breakAfter;
        tokens.push(token);
        for (const w of standard) { words.push(w); wordToken.push(tokens.length - 1); }
        if ((standard.length === 1 && STREET_MARKERS.has(standard[0]!)) || NAMED_PLACES.has(lower)) streetLeft = 3;
        else if (streetLeft > 0) streetLeft = token.breakAfter ? 0 : streetLeft - 1;
      }
    }
    return { tokens, words, text: words.join(' '), wordToken, allCaps: !/\p{Ll}/u.test(clean), source: clean };
  };
}
