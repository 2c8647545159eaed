/**
 * The offline classifier: normalise → locate the place → hashed word and
 * character n-gram features (place names masked, so the model learns
 * Indonesian rather than street names) → intent and category from two
 * calibrated logistic regressions trained on core/nlu/corpus/train.tsv, with
 * the admin keywords of prompts/categories.yaml added on top of the category
 * scores. No network; trained once per corpus and keyword set (cached), then
 * a few tens of microseconds per message.
 */
import type { Classifier } from '../ports.js';
import type { AreaDirectory } from '../config/area.js';
import type { PromptConfig } from '../config/schema.js';
import type { CategoryScore, Classification, Intent } from './types.js';
import { INTENTS } from './types.js';
import { createNormalizer, type NormalizedText } from './normalize.js';
import { SLANG } from './lexicon.js';
import { createKeywordMatcher, type KeywordMatcher } from './keywords.js';
import { createAreaFinder } from './areas.js';
import { createLocationExtractor } from './location.js';
import { parseLabelled, type LabelledMessage } from './corpus.js';
import { TRAIN_CORPUS, TRAIN_CORPUS_NAME } from './corpus/train.js';
import { FeatureBuilder, type SparseVector } from './hashing.js';
import { trainCalibrated, type CalibratedModel, type FeaturedExample } from './model.js';
import { intentFlags } from './intent-flags.js';

/** A classifier that can also answer synchronously (the offline one always can). */

/** Words that say the message is about a place (a correction or an answer to "where?"). */
const PLACE_TALK = /\b(lokasi|lokasinya|alamat|alamatnya|tempatnya|posisi|posisinya|harusnya|seharusnya|mestinya)\b/;
export interface OfflineClassifier extends Classifier {
  classifySync(text: string): Classification;
}

/** Knobs for experiments and the evaluation; the defaults are what ships. */
export interface OfflineTuning {
  /** How much one point of admin keyword weight moves the category score. */
  keywordBeta?: number;
  /** Training messages instead of core/nlu/corpus/train.tsv (cross-validation). */
  corpus?: readonly LabelledMessage[];
}

const DEFAULT_KEYWORD_BETA = 0.35;
/** Words inside a place that still say something about the problem ("jembatan", "pasar", "sekolah"). */
const PLACE_KEEP = new Set(['jalan', 'gang', 'lorong', 'jembatan', 'pasar', 'sekolah', 'puskesmas', 'rsud', 'terminal', 'taman', 'lapangan',
  'sungai', 'kali', 'selokan', 'got', 'trotoar', 'masjid', 'kantor', 'tps', 'pantai', 'perempatan', 'pertigaan', 'simpang', 'depan', 'dekat',
  'samping', 'belakang', 'seberang', 'rt', 'rw', 'kelurahan', 'kecamatan', 'desa', 'dusun', 'kampung', 'perumahan', 'blok', 'nomor', 'sd',
  'sdn', 'smp', 'smpn', 'sma', 'sman', 'smk', 'smkn', 'tk', 'paud', 'pustu', 'posyandu', 'dukcapil', 'disdukcapil', 'bundaran', 'lampu']);

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

interface Trained {
  intent: CalibratedModel;
  category: CalibratedModel;
}

/** Trained models by corpus and keyword set: rebuilding after a prompt edit that leaves keywords alone costs nothing. */
const cache = new Map<string, Trained>();

function keywordKey(config: PromptConfig): string {
  return JSON.stringify(config.categories.map((c) => [c.id, c.keywords]));
}

/** Builds (trains) the offline classifier for the current configuration. */
export function createOfflineClassifier(input: { config: PromptConfig; areas: AreaDirectory; tuning?: OfflineTuning }): OfflineClassifier {
  const { config, areas } = input;
  const beta = input.tuning?.keywordBeta ?? DEFAULT_KEYWORD_BETA;
  const areaFinder = createAreaFinder(areas);
  const categories = config.categories;
  const categoryIds = categories.map((c) => c.id);
  const fallbackCategory = categoryIds.includes('lainnya') ? 'lainnya' : categoryIds[categoryIds.length - 1] ?? 'lainnya';
  const corpus = input.tuning?.corpus ?? parseLabelled(TRAIN_CORPUS, TRAIN_CORPUS_NAME);

  // Vocabulary: standard words from the lexicon, admin keywords and the corpus (two passes so typos repair against it).
  const vocabulary = new Set<string>();
  for (const v of Object.values(SLANG)) for (const w of v.split(' ')) if (w) vocabulary.add(w);
  for (const c of categories) for (const k of Object.keys(c.keywords)) for (const w of k.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) vocabulary.add(w);
  const firstPass = createNormalizer({ placeWords: areaFinder.placeWords, vocabulary });
  for (const ex of corpus) for (const w of firstPass(ex.text).words) vocabulary.add(w);
  const normalize = createNormalizer({ placeWords: areaFinder.placeWords, vocabulary });
  const keywords: KeywordMatcher = createKeywordMatcher(categories, (p) => normalize(p).words);
  // Words of complaints that never occur inside a labelled place end a name ("tangga" in "sampah rumah tangga").
  const inside = new Map<string, number>();
  const outside = new Map<string, number>();
  for (const ex of corpus) {
    const locWords = new Set(ex.location ? normalize(ex.location).words : []);
    for (const w of normalize(ex.text).words) {
      const m = locWords.has(w) ? inside : outside;
      m.set(w, (m.get(w) ?? 0) + 1);
    }
  }
  const stopWords = new Set([...outside].filter(([w, n]) => n >= 2 && (inside.get(w) ?? 0) * 10 < n && !areaFinder.placeWords.has(w)).map(([w]) => w));
  const knownWords = new Set([...Object.values(SLANG).flatMap((v) => v.split(' ')), ...stopWords]);
  const extractLocation = createLocationExtractor({ stopWords, known: (w) => knownWords.has(w) || keywords.vocabulary.has(w) });
  const builder = new FeatureBuilder();
  const covered = new Uint8Array(1024);
  const masked: string[] = [];

  /** Normalises, locates and featurises one message. */
  function analyse(raw: string) {
    const n = normalize(raw);
    const hits = areaFinder.find(n);
    covered.fill(0);
    const location = extractLocation(n, hits, covered);
    const kw = keywords.score(n.words);
    let keywordTotal = 0;
    for (const v of kw) keywordTotal += v;
    masked.length = 0;
    let placeWords = 0;
    for (let i = 0; i < n.words.length; i++) {
      const w = n.words[i]!;
      if (i < covered.length && covered[i]) placeWords++;
      masked.push(i < covered.length && covered[i] && !PLACE_KEEP.has(w) ? (/^\d+$/.test(w) ? '0' : '#place') : w);
    }
    builder.reset();
    builder.words(masked);
    for (const f of intentFlags(n, raw, config.city.ticket_prefix, keywordTotal, location !== null)) builder.flag(f);
    return { n, hits, location, kw, keywordTotal, x: builder.build(), placeShare: n.words.length ? placeWords / n.words.length : 0 };
  }

  const cacheKey = input.tuning?.corpus ? undefined
    : `${config.city.ticket_prefix}:${areas.kecamatan.map((k) => k.name).join(',')}:${areas.kelurahan.length}:${keywordKey(config)}`;
  let trained = cacheKey ? cache.get(cacheKey) : undefined;
  if (!trained) {
    const intentExamples: FeaturedExample[] = [];
    const categoryExamples: (FeaturedExample & { heldOut?: boolean })[] = [];
    for (const ex of corpus) {
      const a = analyse(ex.text);
      intentExamples.push({ x: a.x, y: INTENTS.indexOf(ex.intent) });
      const ci = ex.category ? categoryIds.indexOf(ex.category) : -1;
      if (ex.intent === 'lapor' && ci >= 0) categoryExamples.push({ x: a.x, y: ci, offset: a.kw.map((v) => v * beta) });
    }
    // Categories with few examples weigh more, so the biggest ones do not swallow the rest.
    const perClass = new Float64Array(categoryIds.length);
    for (const e of categoryExamples) perClass[e.y]! += 1;
    const mean = categoryExamples.length / Math.max(1, perClass.filter((c) => c > 0).length);
    for (const e of categoryExamples) e.weight = Math.min(3, Math.sqrt(mean / perClass[e.y]!));
    // Each admin keyword is also a tiny training document of its category.
    for (const [ci, c] of categories.entries()) {
      for (const phrase of Object.keys(c.keywords)) categoryExamples.push({ x: analyse(phrase).x, y: ci, weight: 0.5, heldOut: false });
    }
    trained = { intent: trainCalibrated(INTENTS, intentExamples), category: trainCalibrated(categoryIds, categoryExamples) };
    if (cacheKey) {
      if (cache.size > 8) cache.clear();
      cache.set(cacheKey, trained);
    }
  }
  const { intent: intentModel, category: categoryModel } = trained;
  const intentZ = new Float64Array(INTENTS.length);
  const catZ = new Float64Array(categoryIds.length);

  function categoryScores(x: SparseVector, kw: Float64Array): CategoryScore[] {
    categoryModel.logits(x, catZ);
    for (let k = 0; k < catZ.length; k++) catZ[k]! += beta * kw[k]!;
    categoryModel.probabilities(catZ);
    return categoryIds.map((category, i) => ({ category, score: catZ[i]! })).sort((a, b) => b.score - a.score);
  }

  const LAPOR = INTENTS.indexOf('lapor');

  function decideIntent(n: NormalizedText, x: SparseVector, keywordTotal: number): { intent: Intent; confidence: number } {
    if (n.words.length === 0) return { intent: 'lainnya', confidence: 0.3 };
    intentModel.probabilities(intentModel.logits(x, intentZ));
    let best = 0;
    for (let i = 1; i < intentZ.length; i++) if (intentZ[i]! > intentZ[best]!) best = i;
    // An admin keyword typed on its own ("karaoke", "pju mati") is a complaint, whatever the model learned.
    const onlyKeywords = n.words.length <= 3 && n.words.every((w) => keywords.vocabulary.has(w));
    if (keywordTotal > 0 && ((n.words.length <= 3 && (INTENTS[best] === 'lainnya' || INTENTS[best] === 'sapaan')) || (onlyKeywords && INTENTS[best] === 'info'))) {
      return { intent: 'lapor', confidence: Math.max(intentZ[LAPOR]!, 0.5) };
    }
    return { intent: INTENTS[best]!, confidence: intentZ[best]! };
  }

  function classifySync(text: string): Classification {
    try {
      const raw = typeof text === 'string' ? text : '';
      const a = analyse(raw);
      const decided = decideIntent(a.n, a.x, a.keywordTotal);
      const area = areaFinder.resolve(a.hits);
      if (decided.intent !== 'lapor') {
        // The place is still returned (an address sent alone answers the engine's "where?"), but a place
        // inside an advertisement or chatter ("dijual tanah di Jatibaru") is nobody's complaint location.
        // A message about where ("lokasinya salah, harusnya gang durian") is about a place, not chatter.
        const addressOnly = decided.intent !== 'lainnya' || a.placeShare >= 0.6 || PLACE_TALK.test(a.n.text);
        return { intent: decided.intent, category: null, confidence: round(decided.confidence), alternatives: [], location: addressOnly ? a.location : null, area: addressOnly ? area : null, normalized: a.n.text, source: 'offline' };
      }
      const ranked = categoryScores(a.x, a.kw);
      const top = ranked[0];
      let category = top?.category ?? fallbackCategory;
      let confidence = top?.score ?? 0;
      if (a.keywordTotal === 0 && confidence < 0.25) { category = fallbackCategory; confidence = Math.min(confidence, 0.3); }
      const alternatives = ranked.filter((r) => r.score >= 0.03).slice(0, 4).map((r) => ({ category: r.category, score: round(r.score) }));
      return { intent: 'lapor', category, confidence: round(confidence), alternatives, location: a.location, area, normalized: a.n.text, source: 'offline' };
    } catch {
      return { intent: 'lainnya', category: null, confidence: 0.1, alternatives: [], location: null, area: null, normalized: '', source: 'offline' };
    }
  }

  return {
    classifySync,
    classify: async (text) => classifySync(text),
  };
}
