/**
 * `npm run eval`: accuracy of the offline classifier on three splits of the
 * labelled corpus (core/nlu/corpus/README.md): train (a sanity check, not a
 * score), test (never trained on) and unseen places (cities, streets and
 * landmarks that appear nowhere in train). For each: intent, category,
 * location and non-complaint intent accuracy, a confusion summary, a
 * reliability table (does a confidence of 0.8 mean right 8 times in 10?) and
 * the worst errors (wrong with the highest confidence).
 *
 * How a location counts as correct (docs/classifier.md): both sides are
 * normalised (lower case, punctuation dropped, jl/jln → jalan, gg → gang,
 * kel → kelurahan, no → nomor, leading zeros dropped); the prediction is
 * correct when every word of the expected place appears in it, or when the
 * word overlap (F1) is at least 0.67. A message without a place is correct
 * when the classifier finds none. Status questions, information questions,
 * greetings, thanks and cancellations carry no complaint place, so for a
 * message the classifier gives one of those intents the place is taken as none.
 *
 * Flags: --file PATH evaluates one more file in the same format; --cv runs a
 * 5-fold cross-validation on train (for tuning without touching test/unseen);
 * --worst N shows N worst errors per split (default 12); --quiet hides them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseLabelled, type LabelledMessage } from '../core/nlu/corpus.js';
import { TRAIN_CORPUS } from '../core/nlu/corpus/train.js';
import { createOfflineClassifier, type OfflineClassifier } from '../core/nlu/offline.js';
import { locationMatches } from '../core/nlu/location-match.js';
import type { Classification } from '../core/nlu/types.js';
import { loadNluConfig } from './nlu-config.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const quiet = args.includes('--quiet');
const worstN = Number(opt('--worst') ?? 12);
const { config, areas } = loadNluConfig();
const read = (p: string) => parseLabelled(readFileSync(resolve(p), 'utf8'), p);
const train = parseLabelled(TRAIN_CORPUS, 'train');

const PLACELESS = new Set(['cek_status', 'info', 'sapaan', 'terima_kasih', 'batal']);

/** The place the evaluation compares: none for intents that never carry a complaint place. */
function predictedPlace(c: Classification): string | null {
  return PLACELESS.has(c.intent) ? null : c.location?.text ?? null;
}

interface Scores { n: number; intentOk: number; complaints: number; catOk: number; locOk: number; other: number; otherOk: number }

function evaluate(name: string, messages: readonly LabelledMessage[], classifier: OfflineClassifier, show: boolean): Scores {
  const s: Scores = { n: 0, intentOk: 0, complaints: 0, catOk: 0, locOk: 0, other: 0, otherOk: 0 };
  const intentConf = new Map<string, number>();
  const catConf = new Map<string, number>();
  const errors: { conf: number; line: string }[] = [];
  const bins = Array.from({ length: 5 }, () => ({ n: 0, ok: 0, conf: 0 }));
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const m of messages) {
    const c = classifier.classifySync(m.text);
    s.n++;
    const iOk = c.intent === m.intent;
    if (iOk) s.intentOk++; else bump(intentConf, `${m.intent} → ${c.intent}`);
    if (m.intent !== 'lapor') { s.other++; if (iOk) s.otherOk++; }
    let cOk = true;
    if (m.intent === 'lapor') {
      s.complaints++;
      cOk = c.category === m.category;
      if (cOk) s.catOk++; else bump(catConf, `${m.category} → ${c.category ?? 'null'}`);
    }
    // Reliability: the confidence of the whole answer (intent, and category for complaints) against whether it was right.
    const right = iOk && cOk;
    const bin = bins[Math.min(4, Math.max(0, Math.floor((c.confidence - 0.5) / 0.1)))]!;
    if (c.confidence >= 0) { bin.n++; bin.conf += c.confidence; if (right) bin.ok++; }
    const lOk = locationMatches(m.location, predictedPlace(c));
    if (lOk) s.locOk++;
    if (!iOk || !cOk || !lOk) {
      errors.push({
        conf: (!iOk || !cOk ? 1 : 0) + c.confidence,
        line: `  [${c.confidence.toFixed(2)}] "${m.text.length > 160 ? `${m.text.slice(0, 157)}...` : m.text}"\n      expected ${m.intent}/${m.category ?? '-'} @ ${m.location ?? '-'}; got ${c.intent}/${c.category ?? '-'} @ ${predictedPlace(c) ?? '-'}`,
      });
    }
  }
  const pct = (a: number, b: number) => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1)}%`);
  const summary = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${v}× ${k}`).join(', ') || '(none)';
  console.log(`\n== ${name}: ${s.n} messages, ${s.complaints} complaints`);
  console.log(`  intent ${pct(s.intentOk, s.n)} (${s.intentOk}/${s.n})   category ${pct(s.catOk, s.complaints)} (${s.catOk}/${s.complaints})   location ${pct(s.locOk, s.n)} (${s.locOk}/${s.n})   non-complaint intents ${pct(s.otherOk, s.other)} (${s.otherOk}/${s.other})`);
  if (show) {
    console.log(`  intent confusions (expected → got): ${summary(intentConf)}`);
    console.log(`  category confusions (expected → got): ${summary(catConf)}`);
    console.log('  reliability (confidence → share right):');
    bins.forEach((b, i) => {
      if (b.n === 0) return;
      const lo = i === 0 ? 0 : 0.5 + i * 0.1;
      const hi = i === 4 ? 1 : 0.6 + i * 0.1;
      console.log(`    ${lo.toFixed(1)}–${hi.toFixed(1)}: ${String(b.n).padStart(4)} answers, mean confidence ${(b.conf / b.n).toFixed(2)}, right ${pct(b.ok, b.n)}`);
    });
    if (!quiet && errors.length > 0) {
      console.log(`  worst errors (of ${errors.length}):`);
      console.log(errors.sort((a, b) => b.conf - a.conf).slice(0, worstN).map((e) => e.line).join('\n'));
    }
  }
  return s;
}

if (args.includes('--cv')) {
  const k = 5;
  const total: Scores = { n: 0, intentOk: 0, complaints: 0, catOk: 0, locOk: 0, other: 0, otherOk: 0 };
  for (let f = 0; f < k; f++) {
    const fit = train.filter((_, i) => i % k !== f);
    const held = train.filter((_, i) => i % k === f);
    const s = evaluate(`train fold ${f + 1}/${k}`, held, createOfflineClassifier({ config, areas, tuning: { corpus: fit } }), args.includes('--show'));
    for (const key of Object.keys(total) as (keyof Scores)[]) total[key] += s[key];
  }
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
  console.log(`\n== ${k}-fold cross-validation on train: intent ${pct(total.intentOk, total.n)}, category ${pct(total.catOk, total.complaints)}, location ${pct(total.locOk, total.n)}, non-complaint intents ${pct(total.otherOk, total.other)}`);
} else {
  const t0 = performance.now();
  const classifier = createOfflineClassifier({ config, areas });
  console.log(`model trained in ${(performance.now() - t0).toFixed(0)} ms on ${train.length} messages`);
  evaluate('TRAIN (sanity check, not a score)', train, classifier, false);
  evaluate('TEST (never trained on)', read('tests/fixtures/nlu/test.tsv'), classifier, true);
  evaluate('UNSEEN PLACES (cities, streets and landmarks absent from train)', read('tests/fixtures/nlu/unseen.tsv'), classifier, true);
  const extra = opt('--file');
  if (extra) evaluate(extra, read(extra), classifier, true);
  console.log('\ntargets: test intent ≥ 97%, category ≥ 95%, location ≥ 93%; unseen intent ≥ 95%, category ≥ 93%, location ≥ 90%; non-complaint intents ≥ 92% on both');
}
