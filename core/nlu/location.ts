/**
 * Pulls the place out of a complaint: street (Jl. X no 5, km 3), gang/lorong,
 * RT/RW, kelurahan/desa/dusun/kampung/gampong/nagari/kecamatan,
 * perumahan/kompleks/blok, named landmarks ("depan Terminal Dara", "samping
 * masjid Al-Ikhlas", "dekat SDN 4") and the city's area names. The place is
 * returned as the citizen typed it (abbreviations, hyphens and apostrophes
 * kept), never the whole sentence, and null when the message names no place:
 * a generic noun ("rumah tangga", "masuk rs", "depan pasar") is not a place.
 */
import type { ExtractedLocation } from './types.js';
import type { NormalizedText } from './normalize.js';
import type { AreaHit } from './areas.js';
import { ADMIN, COMMON, HOUSING, LANDMARKS, NAME_PARTS, NAME_STOP, NEEDS_NAME, NOT_STREET_BEFORE, RELATIVE, STREET_NAMES, STREET_TAIL, TITLES, looksAffixed, surelyAffixed } from './location-words.js';

/** 'bare' and 'bare-street' are unnamed nouns ("pasar", "jalan") that only count joined to a named part. */
type Kind = 'street' | 'gang' | 'rtrw' | 'admin' | 'housing' | 'landmark' | 'area' | 'km' | 'bare' | 'bare-street';

interface Chunk {
  start: number;
  end: number;
  kind: Kind;
}

const STREET_MARKERS = new Set(['jalan', 'gang', 'lorong']);
/** Words between two parts of one place ("Terminal Dara di Jl. Flamboyan", "gang 3 dekat masjid"). */
const CONNECT = new Set(['di', 'dan', 'arah', 'ke', 'sekitar', 'daerah', 'wilayah', 'masuk', 'tepatnya', 'persis', 'pas', 'tepat', 'yaitu']);
/** Markers that start a new part of a place: a name never runs across them. */
const HARD_STOP = new Set([...STREET_MARKERS, 'rt', 'rw', 'nomor', 'km', ...ADMIN, ...HOUSING]);

function isHospital(w: readonly string[], i: number): boolean {
  return w[i] === 'rumah' && w[i + 1] === 'sakit';
}

function isNumber(w: string | undefined): boolean {
  return w !== undefined && /^\d{1,4}$/.test(w);
}

/** Units after a number that make it an amount, not a house number ("750rb", "2 juta", "30kg"). */
const AMOUNT = new Set(['rb', 'ribu', 'rbu', 'k', 'jt', 'juta', 'jta', 'm', 'milyar', 'miliar', 'rupiah', 'perak', 'kg', 'gram', 'liter', 'lt',
  'meter', 'm2', 'are', 'hektar', 'ha', 'persen', 'kali', 'orang', 'org', 'hari', 'minggu', 'bulan', 'tahun', 'jam', 'menit', 'mbps']);

/** Options learned from the configuration and the corpus. */
export interface LocationOptions {
  /** Lower-case words that occur in complaints but never inside a labelled place. */
  stopWords?: ReadonlySet<string>;
  /** Whether a word is an ordinary word the classifier knows (so "ditambal" is a verb but "Dibanta" a name). */
  known?: (word: string) => boolean;
}

/** Extracts the place of one normalised message; `covered`, when given, gets a 1 for every word inside the place. */
export type LocationExtractor = (t: NormalizedText, areaHits: readonly AreaHit[], covered?: Uint8Array) => ExtractedLocation | null;

/** Builds the extractor. */
export function createLocationExtractor(options: LocationOptions = {}): LocationExtractor {
  const extraStop = options.stopWords ?? new Set<string>();
  const known = options.known ?? (() => false);
  const stop = (w: string) => NAME_STOP.has(w) || COMMON.has(w) || extraStop.has(w);
  /** A verb or a possessive ("ditambal", "jalannya"), unless the stem is unknown: then it is a name ("Dibanta", "Babakan"). */
  const affixCache = new Map<string, boolean>();
  const affixed = (w: string) => {
    let v = affixCache.get(w);
    if (v === undefined) {
      if (affixCache.size > 50_000) affixCache.clear();
      v = computeAffixed(w);
      affixCache.set(w, v);
    }
    return v;
  };
  const computeAffixed = (w: string) => {
    if (STREET_NAMES.has(w)) return false;
    if (surelyAffixed(w)) return true;
    if (!looksAffixed(w)) return false;
    const stem = w.replace(/^(di|ter|ber|mem|men|meng|meny)/, '').replace(/(nya|kan)$/, '');
    return known(stem) || known(w) || stem.length < 3;
  };

  function capitalised(t: NormalizedText, j: number): boolean {
    if (t.allCaps) return false;
    const c = t.tokens[t.wordToken[j]!]!.raw.charCodeAt(0);
    return (c >= 65 && c <= 90) || (c > 127 && /^\p{Lu}/u.test(t.tokens[t.wordToken[j]!]!.raw));
  }
  function breaksAfter(t: NormalizedText, j: number): boolean {
    return t.tokens[t.wordToken[j]!]!.breakAfter && t.wordToken[j] !== t.wordToken[j + 1];
  }

  /**
   * Extends a name from `i` over up to `max` name-like words. It stops at
   * punctuation, a marker of another part of the place, and at grammar,
   * problem and time words; once a capitalised word was taken, a lower-case
   * word only continues the name if it is a usual name part ("Raya", "2").
   */
  function nameEnd(t: NormalizedText, i: number, max: number, afterMarker: boolean, allowParts = false): number {
    let j = i;
    let sawCapital = false;
    let onlyParts = true;
    while (j < t.words.length && j - i < max) {
      const w = t.words[j]!;
      const cap = capitalised(t, j);
      if (HARD_STOP.has(w) || (RELATIVE.has(w) && !(cap && j > i))) break;
      if (isNumber(w) && (AMOUNT.has(t.words[j + 1] ?? '') || t.words[j - 1] === 'rp')) break;
      const part = NAME_PARTS.has(w) || isNumber(w) || TITLES.has(w);
      // "jalan di panjaitan" is D.I. Panjaitan; "jalan di depan" is not.
      const diTitle = w === 'di' && j === i && afterMarker && !!t.words[j + 1] && !stop(t.words[j + 1]!) && !HARD_STOP.has(t.words[j + 1]!) && !RELATIVE.has(t.words[j + 1]!);
      if (!cap && !part && !diTitle) {
        if (sawCapital) break;
        if (stop(w)) break;
        // The first word right after a marker may look like a verb ("Jl. Dibanta", "gang Babakan").
        if (affixed(w) && !(afterMarker && j === i && !known(w) && !surelyAffixed(w))) break;
      }
      if (cap) sawCapital = true;
      if (cap || isNumber(w) || !NAME_PARTS.has(w)) onlyParts = false;
      j++;
      if (breaksAfter(t, j - 1) && !TITLES.has(w)) break;
    }
    // "pasar lama", "jalan raya", "kantor lurah": usual name parts alone do not name a place.
    return onlyParts && !allowParts ? i : j;
  }

  /** Adds "no 12", "km 5", "blok C", "RT 03" right after a name. */
  function tail(t: NormalizedText, j: number): number {
    while (j < t.words.length - 1 && STREET_TAIL.has(t.words[j]!) && /^[\dA-Za-z]{1,4}$/.test(t.words[j + 1]!) && !stop(t.words[j + 1]!)) {
      if (breaksAfter(t, j)) break;
      j += 2;
    }
    return j;
  }

  function chunksOf(t: NormalizedText, areaHits: readonly AreaHit[]): Chunk[] {
    const out: Chunk[] = [];
    const w = t.words;
    for (let i = 0; i < w.length; i++) {
      const word = w[i]!;
      const marked = i + 1 < w.length && !breaksAfter(t, i);
      // "lampu jalan", "badan jalan" are no address; an abbreviated "jl." always is.
      const typedFull = /^jalan$/i.test(t.tokens[t.wordToken[i]!]!.raw);
      if (STREET_MARKERS.has(word) && !(word === 'jalan' && typedFull && NOT_STREET_BEFORE.has(w[i - 1] ?? ''))) {
        const end = marked ? tail(t, nameEnd(t, i + 1, 5, true)) : i + 1;
        if (end > i + 1) out.push({ start: i, end, kind: word === 'jalan' ? 'street' : 'gang' });
        else out.push({ start: i, end: i + 1, kind: 'bare-street' });
        i = Math.max(i, end - 1);
      } else if (word === 'rt' || word === 'rw') {
        if (isNumber(w[i + 1])) {
          let end = i + 2;
          if ((w[end] === 'rw' || w[end] === 'rt') && isNumber(w[end + 1])) end += 2;
          else if (isNumber(w[end]) && word === 'rt') end += 1;
          out.push({ start: i, end, kind: 'rtrw' });
          i = end - 1;
        }
      } else if (word === 'km' && isNumber(w[i + 1])) {
        out.push({ start: i, end: i + 2, kind: 'km' });
        i += 1;
      } else if (ADMIN.has(word) || HOUSING.has(word)) {
        const end = marked ? tail(t, nameEnd(t, i + 1, 4, true)) : i + 1;
        if (end > i + 1) { out.push({ start: i, end, kind: ADMIN.has(word) ? 'admin' : 'housing' }); i = end - 1; }
      } else if (LANDMARKS.has(word) || (RELATIVE.has(word) && LANDMARKS.has(w[i + 1] ?? '')) || isHospital(w, i) || (RELATIVE.has(word) && isHospital(w, i + 1))) {
        const rel = RELATIVE.has(word);
        // "rumah sakit" (also typed "RS") is one noun of two words.
        const noun = (rel ? i + 1 : i) + (isHospital(w, rel ? i + 1 : i) ? 1 : 0);
        const nounWord = w[noun]!;
        let end = noun + 1 < w.length && !breaksAfter(t, noun) ? tail(t, nameEnd(t, noun + 1, 3, true, rel)) : noun + 1;
        if (nounWord === 'alun' && w[noun + 1] === 'alun') end = Math.max(end, noun + 2);
        const named = end > noun + 1;
        if (named || (rel && !NEEDS_NAME.has(nounWord))) {
          out.push({ start: i, end: Math.max(end, noun + 1), kind: 'landmark' });
          i = Math.max(end, noun + 1) - 1;
        } else {
          // "TPS depan Terminal Dara", "Jl. Dago depan kampus": an unnamed noun counts only next to a named part.
          out.push({ start: i, end: noun + 1, kind: 'bare' });
          i = noun;
        }
      } else if (RELATIVE.has(word) && i + 1 < w.length && !breaksAfter(t, i)) {
        const hit = areaHits.find((h) => h.start === i + 1);
        if (hit) { out.push({ start: i, end: hit.end, kind: 'area' }); i = hit.end - 1; continue; }
        // "dekat Ngarai", "depan Benteng Oranje": a capitalised name after a relation word.
        if (capitalised(t, i + 1) && !stop(w[i + 1]!)) {
          const end = nameEnd(t, i + 1, 3, false);
          if (end > i + 1) { out.push({ start: i, end, kind: 'landmark' }); i = end - 1; }
        }
      }
    }
    for (const h of areaHits) {
      if (!out.some((c) => h.start < c.end && c.start < h.end)) out.push({ start: h.start, end: h.end, kind: 'area' });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** The typed text of words start..end-1, trailing punctuation dropped. */
  function render(t: NormalizedText, start: number, end: number): string {
    const first = t.tokens[t.wordToken[start]!]!;
    const last = t.tokens[t.wordToken[end - 1]!]!;
    const text = t.source.slice(first.start, last.end).replace(/\s+/g, ' ').replace(/[\s,.;:!?)(]+$/u, '');
    return text;
  }

  return function extract(t, areaHits, covered) {
    const chunks = chunksOf(t, areaHits);
    if (chunks.length === 0) return null;
    // Chunks right next to each other, or separated by at most two connecting words, are one place.
    const groups: Chunk[][] = [];
    for (const c of chunks) {
      const g = groups[groups.length - 1];
      const prev = g?.[g.length - 1];
      if (g && prev) {
        const gap = t.words.slice(prev.end, c.start);
        const punct = prev.end > 0 && breaksAfter(t, prev.end - 1);
        const bare = prev.kind === 'bare' || prev.kind === 'bare-street';
        const joinable = gap.length === 0 ? !(punct && bare) : gap.length <= 2 && gap.every((x) => CONNECT.has(x)) && prev.kind !== 'bare-street' && !(bare && c.kind === 'bare');
        if (joinable) { g.push(c); continue; }
      }
      groups.push([c]);
    }
    const strong = groups.map((g) => {
      // A bare "jalan" before "di Jl. X" is the word road, not part of the address.
      let s = 0;
      while (s < g.length - 1 && g[s]!.kind === 'bare-street' && g[s + 1]!.start > g[s]!.end) s++;
      return g.slice(s);
    }).filter((g) => g.some((c) => c.kind !== 'bare' && c.kind !== 'bare-street'));
    if (strong.length === 0) return null;
    const used = strong.slice(0, 3);
    const loc: ExtractedLocation = { text: used.map((g) => render(t, g[0]!.start, g[g.length - 1]!.end)).join(', ') };
    const all = used.flat();
    if (covered) for (const g of used) covered.fill(1, g[0]!.start, Math.min(g[g.length - 1]!.end, covered.length));
    const street = all.find((c) => c.kind === 'street' || c.kind === 'gang');
    if (street) loc.street = render(t, street.start, street.end);
    const rt = all.find((c) => c.kind === 'rtrw');
    if (rt) {
      const words = t.words.slice(rt.start, rt.end);
      const ri = words.indexOf('rt');
      const wi = words.indexOf('rw');
      if (ri >= 0 && words[ri + 1]) loc.rt = words[ri + 1]!;
      if (wi >= 0 && words[wi + 1]) loc.rw = words[wi + 1]!;
      else if (ri >= 0 && isNumber(words[ri + 2])) loc.rw = words[ri + 2]!;
    }
    const landmark = all.find((c) => c.kind === 'landmark');
    if (landmark) loc.landmark = render(t, landmark.start, landmark.end);
    return loc;
  };
}
