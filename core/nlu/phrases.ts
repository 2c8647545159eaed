/**
 * Whole-word phrase lookup over normalised words, compiled once. Used for the
 * intent phrase lists so each check is a few map lookups, not a regex scan.
 */

export interface PhraseSet {
  /** Index of the first word of the first phrase found, or -1. */
  first(words: readonly string[]): number;
  /** Word positions covered by any phrase found. */
  cover(words: readonly string[], into: Uint8Array): number;
  /** Number of distinct phrases found. */
  count(words: readonly string[]): number;
}

/** Compiles phrases (space-separated standard words) into a PhraseSet. */
export function compilePhrases(phrases: readonly string[]): PhraseSet {
  const byFirst = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = p.split(' ').filter(Boolean);
    if (words.length === 0) continue;
    byFirst.set(words[0]!, [...(byFirst.get(words[0]!) ?? []), words]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const matchAt = (words: readonly string[], i: number): number => {
    const list = byFirst.get(words[i]!);
    if (!list) return 0;
    for (const ph of list) {
      let ok = true;
      for (let j = 1; j < ph.length; j++) if (words[i + j] !== ph[j]) { ok = false; break; }
      if (ok) return ph.length;
    }
    return 0;
  };
  return {
    first(words) {
      for (let i = 0; i < words.length; i++) if (matchAt(words, i) > 0) return i;
      return -1;
    },
    cover(words, into) {
      let n = 0;
      for (let i = 0; i < words.length; i++) {
        const len = matchAt(words, i);
        if (len > 0) { n++; for (let j = 0; j < len; j++) into[i + j] = 1; i += len - 1; }
      }
      return n;
    },
    count(words) {
      let n = 0;
      for (let i = 0; i < words.length; i++) {
        const len = matchAt(words, i);
        if (len > 0) { n++; i += len - 1; }
      }
      return n;
    },
  };
}
