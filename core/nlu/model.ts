/**
 * The statistical part of the offline classifier: two multinomial logistic
 * regressions (intent over all messages, category over complaints) on the
 * hashed features of core/nlu/hashing.ts, each with a temperature fitted on
 * held-out folds of the training split so their probabilities are calibrated.
 * Training is deterministic and takes well under a second on the corpus.
 */
import type { SparseVector } from './hashing.js';
import { fitTemperature, softmax, trainLogReg, type Example, type LinearModel } from './logreg.js';

/** One training message, already turned into features. */
export interface FeaturedExample {
  x: SparseVector;
  /** Index of its class. */
  y: number;
  weight?: number;
  /** Extra raw score per class added before the softmax (admin keywords); same for training and prediction. */
  offset?: Float64Array;
}

/** A trained classifier over a fixed list of labels with a calibrated temperature. */
export interface CalibratedModel {
  readonly labels: readonly string[];
  readonly temperature: number;
  /** Raw scores (before the temperature) into `out`. */
  logits(x: SparseVector, out: Float64Array): Float64Array;
  /** Calibrated probabilities (in place over the logits). */
  probabilities(logits: Float64Array): Float64Array;
}

/** How many held-out folds the temperature is fitted on. */
const FOLDS = 2;

function withOffset(model: LinearModel, x: SparseVector, offset: Float64Array | undefined, out: Float64Array): Float64Array {
  model.logits(x, out);
  if (offset) for (let k = 0; k < out.length; k++) out[k]! += offset[k]!;
  return out;
}

/**
 * Trains on all examples and fits the temperature on out-of-fold scores:
 * every example is scored by a model that did not see it. Examples marked
 * `heldOut: false` (admin keywords) are always trained on, never scored.
 */
export function trainCalibrated(labels: readonly string[], examples: readonly (FeaturedExample & { heldOut?: boolean })[], epochs = 5): CalibratedModel {
  const K = labels.length;
  const asExample = (e: FeaturedExample): Example => ({ x: e.x, y: e.y, ...(e.weight !== undefined ? { weight: e.weight } : {}) });
  const scored: Float64Array[] = [];
  const truth: number[] = [];
  const eligible = examples.filter((e) => e.heldOut !== false);
  for (let f = 0; f < FOLDS; f++) {
    const train: Example[] = [];
    const test: FeaturedExample[] = [];
    let i = 0;
    for (const e of examples) {
      const canScore = e.heldOut !== false;
      if (canScore && i++ % FOLDS === f) test.push(e);
      else train.push(asExample(e));
    }
    const m = trainLogReg(train, K, { epochs });
    for (const e of test) {
      scored.push(withOffset(m, e.x, e.offset, new Float64Array(K)));
      truth.push(e.y);
    }
  }
  const temperature = eligible.length >= 30 ? fitTemperature(scored, truth) : 1;
  const model = trainLogReg(examples.map(asExample), K, { epochs });
  return {
    labels,
    temperature,
    logits: (x, out) => model.logits(x, out),
    probabilities: (z) => softmax(z, temperature),
  };
}
