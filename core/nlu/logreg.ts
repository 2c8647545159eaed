/**
 * Multinomial logistic regression over hashed sparse features, trained with
 * AdaGrad in a few hundred milliseconds at start-up, plus the temperature
 * scaling that turns its scores into calibrated probabilities. Written by
 * hand: the model is a weight matrix and a bias, nothing more.
 */
import { HASH_BITS, type SparseVector } from './hashing.js';

/** One training example: features, class index, and how much it counts. */
export interface Example {
  x: SparseVector;
  y: number;
  weight?: number;
}

/** A trained linear model over `classes` classes. */
export interface LinearModel {
  readonly classes: number;
  /** Writes the raw scores (logits) of `x` into `out` (length `classes`). */
  logits(x: SparseVector, out: Float64Array): Float64Array;
}

/** Training knobs; the defaults are what the classifier uses. */
export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 shrinkage applied to the weights an example touches. */
  l2?: number;
  seed?: number;
}

/** A small deterministic PRNG (mulberry32), so training gives the same model every start. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax of `z` divided by `temperature`, in place. */
export function softmax(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) { z[k]! /= temperature; if (z[k]! > max) max = z[k]!; }
  let sum = 0;
  for (let k = 0; k < z.length; k++) { z[k] = Math.exp(z[k]! - max); sum += z[k]!; }
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
  return z;
}

/** Trains the model; examples of unknown classes must not be passed. */
export function trainLogReg(examples: readonly Example[], classes: number, options: TrainOptions = {}): LinearModel {
  const epochs = options.epochs ?? 12;
  const lr = options.learningRate ?? 0.8;
  const l2 = options.l2 ?? 1e-4;
  const buckets = 1 << HASH_BITS;
  const w = new Float32Array(buckets * classes);
  const bias = new Float64Array(classes);
  const g2 = new Float32Array(buckets);
  const bias2 = new Float64Array(classes);
  const order = examples.map((_, i) => i);
  const rnd = random(options.seed ?? 17);
  const z = new Float64Array(classes);

  const model: LinearModel = {
    classes,
    logits(x, out) {
      for (let k = 0; k < classes; k++) out[k] = bias[k]!;
      for (let i = 0; i < x.size; i++) {
        const base = x.index[i]! * classes;
        const v = x.value[i]!;
        for (let k = 0; k < classes; k++) out[k]! += v * w[base + k]!;
      }
      return out;
    },
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const e of order) {
      const ex = examples[e]!;
      const weight = ex.weight ?? 1;
      softmax(model.logits(ex.x, z));
      z[ex.y]! -= 1;
      let gsq = 0;
      for (let k = 0; k < classes; k++) gsq += z[k]! * z[k]!;
      for (let k = 0; k < classes; k++) {
        bias2[k]! += z[k]! * z[k]! * weight;
        bias[k]! -= (lr * weight * z[k]!) / Math.sqrt(bias2[k]! + 1e-6);
      }
      const { index, value, size } = ex.x;
      // Classes whose gradient is negligible are skipped: late epochs touch almost nothing.
      let active = 0;
      for (let k = 0; k < classes; k++) if (Math.abs(z[k]!) > 1e-3) active++;
      if (active === 0) continue;
      const shrink = 1 - l2;
      for (let i = 0; i < size; i++) {
        const b = index[i]!;
        const v = value[i]!;
        g2[b]! += gsq * v * v * weight;
        const step = (lr * weight * v) / Math.sqrt(g2[b]! + 1e-6);
        const base = b * classes;
        for (let k = 0; k < classes; k++) {
          const g = z[k]!;
          if (g > 1e-3 || g < -1e-3) w[base + k] = w[base + k]! * shrink - step * g;
        }
      }
    }
  }
  return model;
}

/**
 * The temperature that makes softmax(logits / T) best match the labels
 * (lowest negative log-likelihood), searched on a log scale. Fitted on
 * held-out predictions only, so the confidence means what it says.
 */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1;
  const nll = (t: number) => {
    let s = 0;
    const z = new Float64Array(logits[0]!.length);
    for (let i = 0; i < logits.length; i++) {
      z.set(logits[i]!);
      softmax(z, t);
      s -= Math.log(Math.max(1e-12, z[labels[i]!]!));
    }
    return s;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 40; it++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (nll(Math.exp(a)) < nll(Math.exp(b))) hi = b; else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
