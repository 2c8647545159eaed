/**
 * Admin keywords from prompts/categories.yaml, matched as whole normalised
 * phrases. Keywords are normalised with the same normaliser as messages, so an
 * admin who writes "jln rusak" or "Sampah" still gets a match.
 */
import type { Category } from '../config/schema.js';

interface Phrase {
  words: string[];
  category: number;
  weight: number;
}

export interface KeywordMatcher {
  /** Sum of the weights of distinct keywords found, per category (indexed like `categories`). */
  score(words: readonly string[]): Float64Array;
  /** Every word that appears in some keyword (part of the classifier's vocabulary). */
  readonly vocabulary: ReadonlySet<string>;
}

/** Builds the matcher; `normalizeWords` turns a keyword into standard words. */
export function createKeywordMatcher(categories: readonly Category[], normalizeWords: (phrase: string) => string[]): KeywordMatcher {
  const byFirst = new Map<string, Phrase[]>();
  const vocabulary = new Set<string>();
  categories.forEach((cat, ci) => {
    for (const [phrase, weight] of Object.entries(cat.keywords)) {
      const words = normalizeWords(phrase);
      if (words.length === 0) continue;
      words.forEach((w) => vocabulary.add(w));
      const list = byFirst.get(words[0]!) ?? [];
      list.push({ words, category: ci, weight });
      byFirst.set(words[0]!, list);
    }
  });
  const n = categories.length;
  return {
    vocabulary,
    score(words) {
      const scores = new Float64Array(n);
      let seen: Set<Phrase> | undefined;
      for (let i = 0; i < words.length; i++) {
        const list = byFirst.get(words[i]!);
        if (!list) continue;
        for (const ph of list) {
          let ok = true;
          for (let j = 1; j < ph.words.length; j++) {
            if (words[i + j] !== ph.words[j]) { ok = false; break; }
          }
          if (!ok) continue;
          seen ??= new Set();
          if (seen.has(ph)) continue;
          seen.add(ph);
          scores[ph.category]! += ph.weight;
        }
      }
      return scores;
    },
  };
}
