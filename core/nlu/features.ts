/**
 * Features the statistical model sees: words, word pairs and character
 * n-grams of each word. Character n-grams are what make typos and affixes
 * ("berlubang", "lubangnya", "lobang") land near each other without a stemmer.
 */

/** Words too common to say anything about the category. */
const STOP = new Set(['di', 'ke', 'dari', 'yang', 'dan', 'ini', 'itu', 'ada', 'saya', 'kami', 'pak', 'bu', 'admin', 'tolong',
  'mohon', 'sudah', 'ya', 'nya', 'sangat', 'banget', 'dengan', 'untuk', 'juga', 'kok', 'sih', 'deh', 'dong', 'nih', 'tuh', 'lah',
  'kah', 'pun', 'mas', 'mbak', 'bapak', 'ibu', 'kak', 'gan', 'bang', 'om', 'the', 'a']);

/** Appends the features of a list of standard words to `out` (reused to avoid allocation). */
export function extractFeatures(words: readonly string[], out: string[] = []): string[] {
  out.length = 0;
  let prev: string | undefined;
  for (const w of words) {
    if (/^\d+$/.test(w)) { prev = undefined; continue; }
    if (!STOP.has(w)) {
      out.push(w);
      if (w.length >= 4) {
        const padded = `<${w}>`;
        for (let i = 0; i + 4 <= padded.length; i++) out.push(`#${padded.slice(i, i + 4)}`);
      }
    }
    if (prev !== undefined) out.push(`${prev}_${w}`);
    prev = w;
  }
  return out;
}
