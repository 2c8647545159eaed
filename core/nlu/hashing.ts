/**
 * Sparse features of a normalised message for the linear models: words,
 * word pairs and character 3- and 4-grams of each word, hashed into a fixed
 * number of buckets (the hashing trick: no vocabulary to store, unseen words
 * still share n-grams with known ones, so "karaokean" lands near "karaoke"
 * and "diangkuik" near "diangkut"). Values are scaled so a long message does
 * not outvote a short one.
 */

/** log2 of the number of hash buckets (2^17: few collisions for a corpus of a few thousand lines). */
export const HASH_BITS = 16;
const MASK = (1 << HASH_BITS) - 1;

/** A sparse feature vector: bucket indices and their values (same length). */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
  size: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashRange(seed: number, s: string, from: number, to: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function finish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & MASK;
}

interface WordHashes {
  unigram: number;
  /** Seeds of the word as the left and the right half of a word pair. */
  left: number;
  right: number;
  grams: Int32Array;
}

function computeHashes(w: string): WordHashes {
  const grams: number[] = [];
  if (w.length >= 3 && !/^\d+$/.test(w)) {
    // 4-grams carry affixes and typos; short words also get 3-grams (4-grams of "<got>" say little).
    const padded = `<${w}>`;
    for (let n = w.length <= 4 ? 3 : 4; n <= 4; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(finish(hashRange(10 + n, padded, i, i + n)));
    }
  }
  return { unigram: finish(hashRange(1, w, 0, w.length)), left: hashRange(2, w, 0, w.length), right: hashRange(3, w, 0, w.length), grams: Int32Array.from(grams) };
}

const START = computeHashes('^');
const END = computeHashes('$');
const flagCache = new Map<string, number>();
/** Words repeat across messages: their hashes are computed once (bounded). */
const hashCache = new Map<string, WordHashes>();

function wordHashes(w: string): WordHashes {
  let h = hashCache.get(w);
  if (!h) {
    if (hashCache.size > 100_000) hashCache.clear();
    h = computeHashes(w);
    hashCache.set(w, h);
  }
  return h;
}

/** Reusable builder: collects hashed features for one message at a time, without allocating per feature. */
export class FeatureBuilder {
  private readonly index = new Int32Array(4096);
  private count = 0;
  private readonly flags: number[] = [];

  /** `flagWeight`: how much a flag counts against one word feature (flags are few, words many). */
  constructor(private readonly flagWeight = 3) {}

  reset(): void { this.count = 0; this.flags.length = 0; }

  private push(bucket: number): void {
    if (this.count < this.index.length) this.index[this.count++] = bucket;
  }

  /** A named flag ("has a ticket number", "ends with ?"). */
  flag(name: string): void {
    let h = flagCache.get(name);
    if (h === undefined) { h = finish(hashRange(7, name, 0, name.length)); if (flagCache.size < 10_000) flagCache.set(name, h); }
    this.flags.push(h);
  }

  /** Words, word pairs and character n-grams of each word. `words` are standard (normalised) words. */
  words(words: readonly string[]): void {
    let prev = START;
    for (const w of words) {
      const h = wordHashes(w);
      this.push(h.unigram);
      this.push(finish(Math.imul(prev.left ^ h.right, FNV_PRIME)));
      for (const g of h.grams) this.push(g);
      prev = h;
    }
    this.push(finish(Math.imul(prev.left ^ END.right, FNV_PRIME)));
  }

  /**
   * The collected features scaled to unit length. A bucket that occurs twice
   * is listed twice: for a linear model that is the same as counting it, and
   * it spares sorting every message.
   */
  build(): SparseVector {
    const n = this.count;
    const size = n + this.flags.length;
    const index = new Int32Array(size);
    const value = new Float32Array(size);
    index.set(this.index.subarray(0, n));
    value.fill(1, 0, n);
    for (let i = 0; i < this.flags.length; i++) { index[n + i] = this.flags[i]!; value[n + i] = this.flagWeight; }
    const norm = Math.sqrt(n + this.flags.length * this.flagWeight * this.flagWeight);
    const scale = norm > 0 ? 1 / norm : 0;
    for (let i = 0; i < size; i++) value[i]! *= scale;
    return { index, value, size };
  }
}
