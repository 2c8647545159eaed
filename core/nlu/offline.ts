/**
 * The offline classifier: normalise → intent (phrase rules, then a naive
 * Bayes model) → category (admin keywords from prompts/categories.yaml plus a
 * naive Bayes model trained at construction on core/nlu/corpus/train.ts) →
 * location and area. No network, no files, a few microseconds per message.
 * Rebuilt whenever prompts/ change, so admin keywords apply at once.
 */
import type { Classifier } from '../ports.js';
import type { AreaDirectory } from '../config/area.js';
import type { PromptConfig } from '../config/schema.js';
import type { CategoryScore, Classification, Intent } from './types.js';
import { INTENTS } from './types.js';
import { createNormalizer, type NormalizedText } from './normalize.js';
import { SLANG } from './lexicon.js';
import { extractFeatures } from './features.js';
import { softmax, trainNaiveBayes, type TrainingExample } from './naive-bayes.js';
import { createKeywordMatcher } from './keywords.js';
import { createAreaFinder } from './areas.js';
import { createLocationExtractor } from './location.js';
import { parseLabelled } from './corpus.js';
import { TRAIN_CORPUS } from './corpus/train.js';
import { compilePhrases } from './phrases.js';
import { CANCEL, FILLER_WORDS, GREETING_WORDS, INFO, PROBLEM, REPORT_REF, SPAM, STATUS_WORDS, STRONG_INFO, THANKS } from './intent-rules.js';
import { findTicketNumbers } from './ticket-number.js';

/** A classifier that can also answer synchronously (the offline one always can). */
export interface OfflineClassifier extends Classifier {
  classifySync(text: string): Classification;
}

/** How much one point of admin keyword weight moves the category logit. */
const DEFAULT_KEYWORD_BETA = 0.9;
/** Temperature applied to naive Bayes log-likelihoods (they are overconfident). */
const DEFAULT_NB_TAU = 0.2;

const cancel = compilePhrases(CANCEL);
const thanks = compilePhrases(THANKS);
const statusWords = compilePhrases(STATUS_WORDS);
const reportRef = compilePhrases(REPORT_REF);
const info = compilePhrases(INFO);
const strongInfo = compilePhrases(STRONG_INFO);
const QUESTION = new Set(['apa', 'apakah', 'bagaimana', 'kapan', 'dimana', 'berapa', 'siapa', 'bisakah', 'bolehkah', 'kemana', 'mana']);

/** Words for the intent rules: reduplicated words ("dimana2" = everywhere) are not questions. */
function intentWords(words: readonly string[]): string[] {
  return words.map((w, i) => (w === words[i + 1] || w === words[i - 1] ? `${w}~` : w));
}
const spam = compilePhrases(SPAM);
const problem = compilePhrases(PROBLEM);

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Builds (trains) the offline classifier for the current configuration; takes a few tens of milliseconds. */
export function createOfflineClassifier(input: { config: PromptConfig; areas: AreaDirectory; tuning?: { keywordBeta?: number; nbTau?: number } }): OfflineClassifier {
  const { config, areas } = input;
  const KEYWORD_BETA = input.tuning?.keywordBeta ?? DEFAULT_KEYWORD_BETA;
  const NB_TAU = input.tuning?.nbTau ?? DEFAULT_NB_TAU;
  const areaFinder = createAreaFinder(areas);
  const categories = config.categories;
  const categoryIds = categories.map((c) => c.id);
  const fallbackCategory = categoryIds.includes('lainnya') ? 'lainnya' : categoryIds[categoryIds.length - 1] ?? 'lainnya';
  const corpus = parseLabelled(TRAIN_CORPUS, 'core/nlu/corpus/train.ts');

  // Vocabulary: standard words from the lexicon, admin keywords and the corpus (two passes so typos repair against it).
  const vocabulary = new Set<string>();
  for (const v of Object.values(SLANG)) for (const w of v.split(' ')) if (w) vocabulary.add(w);
  for (const c of categories) for (const k of Object.keys(c.keywords)) for (const w of k.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) vocabulary.add(w);
  const firstPass = createNormalizer({ placeWords: areaFinder.placeWords, vocabulary });
  for (const ex of corpus) for (const w of firstPass(ex.text).words) vocabulary.add(w);
  const normalize = createNormalizer({ placeWords: areaFinder.placeWords, vocabulary });

  const keywords = createKeywordMatcher(categories, (p) => normalize(p).words);

  // Category model: complaints of the corpus plus every admin keyword as a tiny document.
  const catExamples: TrainingExample[] = [];
  const intentExamples: TrainingExample[] = [];
  const insideLocation = new Map<string, number>();
  const outsideLocation = new Map<string, number>();
  for (const ex of corpus) {
    const n = normalize(ex.text);
    const features = extractFeatures(n.words, []);
    intentExamples.push({ features, label: ex.intent });
    if (ex.intent === 'lapor' && ex.category && categoryIds.includes(ex.category)) catExamples.push({ features, label: ex.category });
    const locWords = new Set(ex.location ? normalize(ex.location).words : []);
    for (const w of n.words) {
      const m = locWords.has(w) ? insideLocation : outsideLocation;
      m.set(w, (m.get(w) ?? 0) + 1);
    }
  }
  for (const c of categories) {
    for (const [phrase, weight] of Object.entries(c.keywords)) {
      catExamples.push({ features: extractFeatures(normalize(phrase).words, []), label: c.id, weight: Math.max(0.5, weight / 2) });
    }
  }
  const catModel = trainNaiveBayes(categoryIds, catExamples);
  const intentModel = trainNaiveBayes(INTENTS, intentExamples);
  const learnedStops = new Set([...outsideLocation].filter(([w, n]) => n >= 3 && !insideLocation.has(w) && !areaFinder.placeWords.has(w)).map(([w]) => w));
  const extractLocation = createLocationExtractor(learnedStops);
  const features: string[] = [];
  const cover = new Uint8Array(700);

  function categoryScores(n: NormalizedText): { ranked: CategoryScore[]; keywordTotal: number } {
    extractFeatures(n.words, features);
    const { logits } = catModel.score(features);
    const kw = keywords.score(n.words);
    let keywordTotal = 0;
    for (let i = 0; i < logits.length; i++) {
      logits[i] = logits[i]! * NB_TAU + KEYWORD_BETA * kw[i]!;
      keywordTotal += kw[i]!;
    }
    softmax(logits);
    const ranked = categoryIds.map((category, i) => ({ category, score: logits[i]! })).sort((a, b) => b.score - a.score);
    return { ranked, keywordTotal };
  }

  /** Decides the intent; returns it with a confidence when a rule is sure. */
  function decideIntent(n: NormalizedText, raw: string, keywordTotal: number): { intent: Intent; confidence: number } {
    const w = intentWords(n.words);
    if (w.length === 0) return { intent: 'lainnya', confidence: 0.3 };
    const problems = problem.count(w);
    const complaint = keywordTotal >= 3 || problems > 0;
    if (spam.count(w) > 0 && !(keywordTotal >= 4 && problems > 0)) return { intent: 'lainnya', confidence: 0.85 };
    if (cancel.count(w) > 0) return { intent: 'batal', confidence: 0.9 };
    const hasTicket = findTicketNumbers(raw, config.city.ticket_prefix).length > 0;
    const refersToReport = reportRef.count(w) > 0;
    if (hasTicket) return { intent: 'cek_status', confidence: 0.95 };
    if (strongInfo.count(w) > 0 && problems === 0 && keywordTotal < 6) return { intent: 'info', confidence: 0.85 };
    if (refersToReport && statusWords.count(w) > 0) {
      const newReport = /\b(mau|ingin|akan|hendak|pengen)\s+(lapor|melapor|melaporkan)\b/.test(n.text);
      if (!newReport) return { intent: 'cek_status', confidence: 0.85 };
    }
    if (n.text === 'laporan saya' || n.text === 'cek laporan') return { intent: 'cek_status', confidence: 0.9 };

    // Greetings and thanks: remove them, and see whether anything is left.
    cover.fill(0, 0, Math.min(cover.length, w.length));
    const thanked = thanks.cover(w, cover) > 0;
    let content = 0;
    let greet = 0;
    for (let i = 0; i < w.length && i < cover.length; i++) {
      if (cover[i]) continue;
      if (GREETING_WORDS.has(w[i]!) || /^p+~?$/.test(w[i]!)) greet++;
      else if (!(thanked && FILLER_WORDS.has(w[i]!))) content++;
    }
    if (thanked && !(problems > 0 && content > 0)) return { intent: 'terima_kasih', confidence: 0.9 };
    if (content === 0 && greet > 0) return { intent: 'sapaan', confidence: 0.9 };

    const infoHits = info.count(w);
    const question = raw.includes('?') || w.some((x) => QUESTION.has(x));
    if (infoHits > 0 && problems === 0 && (question || keywordTotal < 4)) return { intent: 'info', confidence: 0.8 };
    if (complaint) return { intent: 'lapor', confidence: 0.8 };

    extractFeatures(w, features);
    const { logits, known } = intentModel.score(features);
    if (known === 0) return keywordTotal > 0 ? { intent: 'lapor', confidence: 0.4 } : { intent: 'lainnya', confidence: 0.4 };
    for (let i = 0; i < logits.length; i++) logits[i]! *= NB_TAU;
    softmax(logits);
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
    let intent = INTENTS[best]!;
    if (keywordTotal > 0 && intent !== 'info' && intent !== 'lapor') intent = 'lapor';
    // A "complaint" with no complaint word and a weak model vote is chatter.
    if (intent === 'lapor' && keywordTotal === 0 && logits[best]! < 0.6) return { intent: 'lainnya', confidence: 0.4 };
    return { intent, confidence: logits[best]! };
  }

  function classifySync(text: string): Classification {
    try {
      const raw = typeof text === 'string' ? text : '';
      const n = normalize(raw);
      const { ranked, keywordTotal } = categoryScores(n);
      const decided = decideIntent(n, raw.slice(0, 4000), keywordTotal);
      const hits = areaFinder.find(n);
      const location = extractLocation(n, hits);
      const area = areaFinder.resolve(hits);
      if (decided.intent !== 'lapor') {
        return { intent: decided.intent, category: null, confidence: round(decided.confidence), alternatives: [], location, area, normalized: n.text, source: 'offline' };
      }
      const top = ranked[0];
      let category = top?.category ?? fallbackCategory;
      let confidence = top?.score ?? 0;
      if (keywordTotal === 0 && confidence < 0.25) { category = fallbackCategory; confidence = Math.min(confidence, 0.3); }
      const alternatives = ranked.filter((r) => r.score >= 0.03).slice(0, 4).map((r) => ({ category: r.category, score: round(r.score) }));
      return { intent: 'lapor', category, confidence: round(confidence), alternatives, location, area, normalized: n.text, source: 'offline' };
    } catch {
      return { intent: 'lainnya', category: null, confidence: 0.1, alternatives: [], location: null, area: null, normalized: '', source: 'offline' };
    }
  }

  return {
    classifySync,
    classify: async (text) => classifySync(text),
  };
}
