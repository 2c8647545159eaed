import { readFileSync } from 'node:fs';
import { parseLabelled } from './core/nlu/corpus.js';
import { createOfflineClassifier } from './core/nlu/offline.js';
import { locationMatches } from './core/nlu/location-match.js';
import { loadNluConfig } from './scripts/nlu-config.js';
const { config, areas } = loadNluConfig();
const c = createOfflineClassifier({ config, areas });
const file = process.argv[2] ?? 'core/nlu/corpus/train.tsv';
const ms = parseLabelled(readFileSync(file, 'utf8'));
let ok = 0;
for (const m of ms) {
  const r = c.classifySync(m.text);
  const p = ['cek_status','info','sapaan','terima_kasih','batal'].includes(r.intent) ? null : r.location?.text ?? null;
  if (locationMatches(m.location, p)) { ok++; continue; }
  console.log(`${m.location ?? '-'}  ||  ${p ?? '-'}  ||  ${m.text.slice(0, 140)}`);
}
console.log(ok, ms.length, (100 * ok / ms.length).toFixed(1));
