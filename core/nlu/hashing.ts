/**
 * Sparse features of a normalised message for the linear models: words,
 * word pairs and character 3- and 4-grams of each word, hashed into a fixed
 * number of buckets (the hashing trick: no vocabulary to store, unseen words
 * still share n-grams with known ones, so "karaokean" lands near "karaoke"
 * and "diangkuik" near "diangkut"). Values are scaled so a long message does
 * not outvote a short one.
 */

/** log2 of the number of hash buckets (2^17: few collisions for a corpus of a few thousand lines). */
export const HASH_BITS = 17;
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

/** Reusable builder: collects hashed features for one message at a time, without allocating per feature. */
export class FeatureBuilder {
  private readonly index = new Int32Array(4096);
  private count = 0;

  reset(): void { this.count = 0; }

  private push(bucket: number): void {
    if (this.count < this.index.length) this.index[this.count++] = bucket;
  }

  /** A named flag ("has a ticket number", "ends with ?"). */
  flag(name: string): void { this.push(finish(hashRange(7, name, 0, name.length))); }

  /** Words, word pairs and character n-grams of each word. `words` are standard (normalised) words. */
  words(words: readonly string[]): void {
    let prev = '^';
    for (const w of words) {
      this.push(finish(hashRange(1, w, 0, w.length)));
      this.push(finish(Math.imul(hashRange(2, prev, 0, prev.length) ^ hashRange(3, w, 0, w.length), FNV_PRIME)));
      prev = w;
      if (w.length < 3 || /^\d+$/.test(w)) continue;
      const padded = `<${w}>`;
      for (let n = 3; n <= 4; n++) {
        for (let i = 0; i + n <= padded.length; i++) this.push(finish(hashRange(10 + n, padded, i, i + n)));
      }
    }
    this.push(finish(Math.imul(hashRange(2, prev, 0, prev.length) ^ hashRange(3, '$', 0, 1), FNV_PRIME)));
  }

  /** The collected features, merged by bucket and scaled to unit length. */
  build(): SparseVector {
    const n = this.count;
    const sorted = this.index.subarray(0, n).slice().sort();
    const index = new Int32Array(n);
    const value = new Float32Array(n);
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (size > 0 && index[size - 1] === sorted[i]) value[size - 1]! += 1;
      else { index[size] = sorted[i]!; value[size] = 1; size++; }
    }
    let norm = 0;
    for (let i = 0; i < size; i++) norm += value[i]! * value[i]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < size; i++) value[i]! *= scale;
    return { index, value, size };
  }
}
