/**
 * Multinomial naive Bayes over sparse string features, trained in
 * milliseconds at start-up (and again on every prompt edit). Small, fast and
 * hard to overfit with a few hundred examples, which is what we have.
 */

export interface NaiveBayesModel {
  readonly labels: readonly string[];
  /** Log-likelihood per label (prior included), plus how many known features were seen. */
  score(features: readonly string[]): { logits: Float64Array; known: number };
}

export interface TrainingExample {
  features: readonly string[];
  label: string;
  /** Counts this many times (keywords from prompts/ weigh more than one sentence). */
  weight?: number;
}

/** Trains a model; `alpha` is additive smoothing. Labels without examples get a flat, low prior. */
export function trainNaiveBayes(labels: readonly string[], examples: readonly TrainingExample[], alpha = 0.3): NaiveBayesModel {
  const index = new Map(labels.map((l, i) => [l, i] as const));
  const n = labels.length;
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(n);
  const docs = new Float64Array(n);
  for (const ex of examples) {
    const li = index.get(ex.label);
    if (li === undefined) continue;
    const w = ex.weight ?? 1;
    docs[li]! += w;
    for (const f of ex.features) {
      let c = counts.get(f);
      if (!c) { c = new Float64Array(n); counts.set(f, c); }
      c[li]! += w;
      totals[li]! += w;
    }
  }
  const vocab = counts.size + 1;
  const logProb = new Map<string, Float64Array>();
  for (const [f, c] of counts) {
    const lp = new Float64Array(n);
    for (let i = 0; i < n; i++) lp[i] = Math.log((c[i]! + alpha) / (totals[i]! + alpha * vocab));
    logProb.set(f, lp);
  }
  const unseen = new Float64Array(n);
  const prior = new Float64Array(n);
  const allDocs = docs.reduce((a, b) => a + b, 0) + n;
  for (let i = 0; i < n; i++) {
    unseen[i] = Math.log(alpha / (totals[i]! + alpha * vocab));
    prior[i] = Math.log((docs[i]! + 1) / allDocs);
  }
  return {
    labels,
    score(features) {
      const logits = Float64Array.from(prior);
      let known = 0;
      for (const f of features) {
        const lp = logProb.get(f);
        if (!lp) continue;
        known++;
        for (let i = 0; i < n; i++) logits[i]! += lp[i]! - unseen[i]!;
      }
      return { logits, known };
    },
  };
}

/** Softmax in place; returns the same array. */
export function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) { logits[i] = Math.exp(logits[i]! - max); sum += logits[i]!; }
  for (let i = 0; i < logits.length; i++) logits[i]! /= sum;
  return logits;
}
