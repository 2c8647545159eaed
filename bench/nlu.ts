/**
 * `npm run bench:nlu`: offline classifications per second on one core and
 * the p99 latency (throughput per CPU-second, so a busy shared machine does not
 * distort it), over the labelled corpus (train, test and unseen places)
 * repeated, plus how long training the models took. Prints figures only; the
 * last line is JSON {"messages_per_s", "p99_ms", "train_ms"}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLabelled } from '../core/nlu/corpus.js';
import { TRAIN_CORPUS } from '../core/nlu/corpus/train.js';
import { createOfflineClassifier } from '../core/nlu/offline.js';
import { loadNluConfig } from '../scripts/nlu-config.js';

const { config, areas } = loadNluConfig();
const t0 = performance.now();
const classifier = createOfflineClassifier({ config, areas });
const buildMs = performance.now() - t0;
const texts = [
  ...parseLabelled(TRAIN_CORPUS, 'train'),
  ...parseLabelled(readFileSync(join(process.cwd(), 'tests/fixtures/nlu/test.tsv'), 'utf8'), 'test'),
  ...parseLabelled(readFileSync(join(process.cwd(), 'tests/fixtures/nlu/unseen.tsv'), 'utf8'), 'unseen'),
].map((m) => m.text);

// Warm up the JIT.
for (let i = 0; i < 3; i++) for (const t of texts) classifier.classifySync(t);

const rounds = 15;
const latencies = new Float64Array(rounds * texts.length);
let k = 0;
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let r = 0; r < rounds; r++) {
  for (const t of texts) {
    const s = performance.now();
    classifier.classifySync(t);
    latencies[k++] = performance.now() - s;
  }
}
const elapsed = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
// The machine may be shared: CPU time says what one core does, wall time what this run got.
const cpuMs = (cpu.user + cpu.system) / 1000;
latencies.sort();
const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
const p50 = latencies[Math.floor(latencies.length * 0.5)]!;
const perSecond = Math.round((k / cpuMs) * 1000);
const perWallSecond = Math.round((k / elapsed) * 1000);
console.log(`model build: ${buildMs.toFixed(1)} ms`);
console.log(`${k} classifications of ${texts.length} distinct messages in ${elapsed.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`);
console.log(`throughput: ${perSecond} messages per CPU-second on one core (${perWallSecond}/s wall clock), p50 ${(p50 * 1000).toFixed(1)} µs, p99 ${(p99 * 1000).toFixed(1)} µs`);
console.log(JSON.stringify({ messages_per_s: perSecond, p99_ms: Math.round(p99 * 10000) / 10000, train_ms: Math.round(buildMs) }));
