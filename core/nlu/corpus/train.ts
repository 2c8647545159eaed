/**
 * The training split of the labelled corpus (train.tsv next to this file; how
 * it was written and how to add to it: README.md here). The offline
 * classifier learns from it at start-up. It ships with the code, like the
 * lexicon, so it is read from the package directory, not from data/.
 */
import { readFileSync } from 'node:fs';

/** The raw text of train.tsv (format: core/nlu/corpus.ts). */
export const TRAIN_CORPUS: string = readFileSync(new URL('./train.tsv', import.meta.url), 'utf8');

/** Where TRAIN_CORPUS comes from, for error messages. */
export const TRAIN_CORPUS_NAME = 'core/nlu/corpus/train.tsv';
