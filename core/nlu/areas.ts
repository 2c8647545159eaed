/**
 * Recognises the configured city's kelurahan and kecamatan in a message,
 * tolerating case and small typos ("penatoy", "rabangodu utra"). Short names
 * that are also ordinary words (Dara, Nae, Santi, Kolo, Melayu, Tanjung, Ule…)
 * only count after a place marker ("di", "kel.", "desa"…) or when typed with a
 * capital letter, so "dara" in a sentence about something else is left alone.
 */
import { areaKey, type AreaDirectory } from '../config/area.js';
import type { AreaMatch } from './types.js';
import type { NormalizedText } from './normalize.js';

interface AreaName {
  words: string[];
  /** words joined without spaces, for typo matching. */
  joined: string;
  kind: 'kelurahan' | 'kecamatan';
  name: string;
  /** kecamatan of a kelurahan. */
  kecamatan?: string;
  ambiguous: boolean;
}

export interface AreaHit {
  /** Word span in NormalizedText.words, end exclusive. */
  start: number;
  end: number;
  area: AreaName;
  /** Preceded by an explicit marker (kelurahan, kecamatan, desa…). */
  marked: boolean;
}

export interface AreaFinder {
  find(text: NormalizedText): AreaHit[];
  /** Combines hits into the area to report (kelurahan with its kecamatan, or kecamatan alone). */
  resolve(hits: readonly AreaHit[]): AreaMatch | null;
  /** Every lower-case word of every area name: the normaliser never rewrites these. */
  readonly placeWords: ReadonlySet<string>;
}

const MARKERS = new Set(['kelurahan', 'kecamatan', 'desa', 'kampung', 'lingkungan', 'daerah', 'wilayah', 'di', 'sekitar', 'area', 'kawasan', 'dusun', 'ke', 'dari', 'warga', 'kel']);
const EXPLICIT = new Set(['kelurahan', 'kecamatan', 'desa', 'kampung', 'lingkungan', 'kel', 'kec']);
/** Ordinary words (Indonesian, Bima or Javanese) that are also area names. */
const COMMON = new Set(['melayu', 'tanjung', 'santi', 'sadia', 'mande', 'panggi', 'kendo', 'rontu', 'raba', 'barat', 'timur', 'utara', 'selatan']);

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

/** Builds the finder for one city's areas. */
export function createAreaFinder(areas: AreaDirectory): AreaFinder {
  const kecByCode = new Map(areas.kecamatan.map((k) => [k.code, k.name]));
  const names: AreaName[] = [];
  const placeWords = new Set<string>();
  const add = (name: string, kind: AreaName['kind'], kecamatan?: string) => {
    const words = areaKey(name).split(' ').filter(Boolean);
    if (words.length === 0) return;
    words.forEach((w) => placeWords.add(w));
    const joined = words.join('');
    const ambiguous = (words.length === 1 && (joined.length <= 5 || COMMON.has(joined)));
    names.push({ words, joined, kind, name, ambiguous, ...(kecamatan ? { kecamatan } : {}) });
  };
  for (const k of areas.kecamatan) add(k.name, 'kecamatan');
  for (const k of areas.kelurahan) add(k.name, 'kelurahan', kecByCode.get(k.kecamatanCode));
  // Longest names first, so "Rasanae Barat" wins over a bare "Raba"-like prefix.
  names.sort((a, b) => b.words.length - a.words.length || b.words.join('').length - a.words.join('').length);
  const byFirst = new Map<string, AreaName[]>();
  for (const n of names) byFirst.set(n.words[0]!, [...(byFirst.get(n.words[0]!) ?? []), n]);
  /** Words already known to be no area name (the fuzzy search is the slow part). */
  const notFuzzy = new Set<string>();
  // Typo candidates by first letter: both fuzzy forms keep the first letter.
  const fuzzyByLetter = new Map<string, AreaName[]>();
  for (const n of names.filter((x) => !x.ambiguous && x.joined.length >= 6)) fuzzyByLetter.set(n.joined[0]!, [...(fuzzyByLetter.get(n.joined[0]!) ?? []), n]);

  function matchAt(words: readonly string[], i: number): { area: AreaName; len: number; fuzzy?: boolean } | undefined {
    for (const n of byFirst.get(words[i]!) ?? []) {
      if (n.words.every((w, j) => words[i + j] === w)) return { area: n, len: n.words.length };
    }
    // "Jatibaru Timur" typed as "jatibarutimur", or a typo in a long name.
    const w = words[i]!;
    const cacheKey = `${w} ${words[i + 1] ?? ''}`;
    if (w.length < 5 || /\d/.test(w) || notFuzzy.has(cacheKey)) return undefined;
    for (const n of fuzzyByLetter.get(w[0]!) ?? []) {
      const len = n.words.length;
      const typed = words.slice(i, i + len).join('');
      const target = n.joined;
      const max = target.length >= 9 ? 2 : 1;
      if (typed[0] === target[0] && editDistanceAtMost(typed, target, max)) return { area: n, len, fuzzy: true };
      if (len > 1 && w[0] === target[0] && editDistanceAtMost(w, target, max)) return { area: n, len: 1, fuzzy: true };
    }
    if (notFuzzy.size > 50_000) notFuzzy.clear();
    notFuzzy.add(cacheKey);
    return undefined;
  }

  return {
    placeWords,
    find(text) {
      const hits: AreaHit[] = [];
      const { words, tokens, wordToken } = text;
      const allCaps = text.allCaps;
      for (let i = 0; i < words.length; i++) {
        const m = matchAt(words, i);
        if (!m) continue;
        const before = i > 0 ? words[i - 1]! : '';
        const marked = EXPLICIT.has(before) || (i > 1 && EXPLICIT.has(words[i - 2]!) && MARKERS.has(before));
        // A typo only counts where a place is expected ("kel. penatoy") or typed as a name ("Penatoy").
        if (m.area.ambiguous || m.fuzzy) {
          const raw = tokens[wordToken[i]!]!.raw;
          const capital = !allCaps && /^\p{Lu}/u.test(raw) && i > 0;
          if (!MARKERS.has(before) && !capital) continue;
        }
        hits.push({ start: i, end: i + m.len, area: m.area, marked });
        i += m.len - 1;
      }
      return hits;
    },
    resolve(hits) {
      const kel = hits.find((h) => h.area.kind === 'kelurahan' && (h.marked || !h.area.ambiguous)) ?? hits.find((h) => h.area.kind === 'kelurahan');
      const kec = hits.find((h) => h.area.kind === 'kecamatan');
      if (!kel && !kec) return null;
      const out: AreaMatch = {};
      if (kel) {
        out.kelurahan = kel.area.name;
        if (kel.area.kecamatan) out.kecamatan = kel.area.kecamatan;
      }
      if (kec && !out.kecamatan) out.kecamatan = kec.area.name;
      return out;
    },
  };
}
