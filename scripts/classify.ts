/**
 * `npm run --silent classify`: one message per line on stdin, one JSON object
 * per line on stdout — {"intent","category","agency","location","area","confidence"}.
 * agency is what routing (core/routing/router.ts) would pick for a complaint
 * (null when a rule rejects it, and for every other intent). Offline only:
 * this is the contract the README and held-out checks use, so nothing else is
 * ever written to stdout.
 */
import { createInterface } from 'node:readline';
import { createOfflineClassifier } from '../core/nlu/offline.js';
import { routeComplaint } from '../core/routing/router.js';
import { loadNluConfig } from './nlu-config.js';

const { config, areas } = loadNluConfig();
const classifier = createOfflineClassifier({ config, areas });

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const c = classifier.classifySync(line);
  let agency: string | null = null;
  if (c.intent === 'lapor' && c.category) {
    const route = routeComplaint(config, {
      category: c.category,
      confidence: c.confidence,
      text: `${c.normalized} ${line.slice(0, 4000)}`,
      kecamatan: c.area?.kecamatan ?? null,
      kelurahan: c.area?.kelurahan ?? null,
    });
    agency = route.kind === 'reject' ? null : route.agency;
  }
  process.stdout.write(`${JSON.stringify({
    intent: c.intent,
    category: c.category,
    agency,
    location: c.location?.text ?? null,
    area: c.area,
    confidence: c.confidence,
  })}\n`);
}
