/**
 * `npm run eval`: accuracy of the offline classifier on the test split
 * (tests/fixtures/nlu/test.tsv, never trained on): intent, category and
 * location, with a confusion summary and the misses.
 *
 * How a location counts as correct (documented in README "The classifier"):
 * both sides are normalised (lower case, punctuation dropped, jl/jln → jalan,
 * gg → gang, kel → kelurahan, no → nomor, leading zeros dropped). A message
 * without a location is correct when the classifier finds none. Otherwise the
 * prediction is correct when every word of the expected place appears in it,
 * or when the word overlap (F1) is at least 0.67.
 *
 * Flags: --train evaluates on the training split instead (a sanity check, not a score);
 * --file PATH evaluates another file in the same format; --quiet hides the misses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLabelled, type LabelledMessage } from '../core/nlu/corpus.js';
import { TRAIN_CORPUS } from '../core/nlu/corpus/train.js';
import { createOfflineClassifier } from '../core/nlu/offline.js';
import { locationMatches } from '../core/nlu/location-match.js';
import { loadNluConfig } from './nlu-config.js';

const args = process.argv.slice(2);
const fileArg = args.indexOf('--file');
const testPath = fileArg >= 0 && args[fileArg + 1] ? args[fileArg + 1]! : join(process.cwd(), 'tests/fixtures/nlu/test.tsv');
const useTrain = args.includes('--train');
const quiet = args.includes('--quiet');

const messages: LabelledMessage[] = useTrain ? parseLabelled(TRAIN_CORPUS, 'train') : parseLabelled(readFileSync(testPath, 'utf8'), testPath);
const { config, areas } = loadNluConfig();
const classifier = createOfflineClassifier({ config, areas });

let intentOk = 0;
let catTotal = 0;
let catOk = 0;
let locOk = 0;
const intentConf = new Map<string, number>();
const catConf = new Map<string, number>();
const misses: string[] = [];
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

for (const m of messages) {
  const c = classifier.classifySync(m.text);
  const iOk = c.intent === m.intent;
  if (iOk) intentOk++; else bump(intentConf, `${m.intent} → ${c.intent}`);
  let cOk = true;
  if (m.intent === 'lapor') {
    catTotal++;
    cOk = c.category === m.category;
    if (cOk) catOk++; else bump(catConf, `${m.category} → ${c.category ?? 'null'}`);
  }
  const lOk = locationMatches(m.location, c.location?.text ?? null);
  if (lOk) locOk++;
  if (!iOk || !cOk || !lOk) {
    misses.push(`  "${m.text}"\n     expected ${m.intent}/${m.category ?? '-'} @ ${m.location ?? '-'}; got ${c.intent}/${c.category ?? '-'} (${c.confidence}) @ ${c.location?.text ?? '-'}`);
  }
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
const summary = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `    ${v} × ${k}`).join('\n') || '    (none)';
console.log(`Split: ${useTrain ? 'TRAIN (sanity check only)' : testPath} — ${messages.length} messages, ${catTotal} complaints`);
console.log(`Intent accuracy:   ${pct(intentOk, messages.length)} (${intentOk}/${messages.length})`);
console.log(`Category accuracy: ${pct(catOk, catTotal)} (${catOk}/${catTotal} complaints)`);
console.log(`Location accuracy: ${pct(locOk, messages.length)} (${locOk}/${messages.length})`);
console.log(`Intent confusions (expected → got):\n${summary(intentConf)}`);
console.log(`Category confusions (expected → got):\n${summary(catConf)}`);
if (!quiet && misses.length > 0) console.log(`Misses:\n${misses.join('\n')}`);
