import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabelled } from '../../core/nlu/corpus.js';
import { TRAIN_CORPUS } from '../../core/nlu/corpus/train.js';
import { config } from './support/config.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests/fixtures/nlu', name), 'utf8');
const splits = {
  train: parseLabelled(TRAIN_CORPUS, 'train.tsv'),
  test: parseLabelled(fixture('test.tsv'), 'test.tsv'),
  unseen: parseLabelled(fixture('unseen.tsv'), 'unseen.tsv'),
};
/** Cities reserved for the unseen-places split (core/nlu/corpus/README.md). */
const RESERVED = ['ternate', 'tidore', 'sorong', 'manokwari', 'palu', 'kendari', 'gorontalo', 'banjarmasin', 'singkawang', 'palangka raya',
  'palangkaraya', 'padangsidimpuan', 'lubuklinggau', 'tanjungpinang', 'tasikmalaya', 'cirebon', 'probolinggo', 'madiun', 'kupang', 'singaraja'];
const shared = new Set(fixture('shared-place-words.txt').split('\n').map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#')));
const words = (s: string) => s.toLowerCase().replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

describe('the labelled corpus', () => {
  it('every line of every split is well formed: a known intent, a configured category for complaints only', () => {
    const categories = new Set(config.categories.map((c) => c.id));
    const bad: string[] = [];
    for (const [name, lines] of Object.entries(splits)) {
      for (const m of lines) {
        if (m.intent === 'lapor' ? !m.category || !categories.has(m.category) : m.category !== null) bad.push(`${name}:${m.line} ${m.intent}/${m.category}`);
        if (m.intent !== 'lapor' && m.intent !== 'lainnya' && m.location !== null) bad.push(`${name}:${m.line} a ${m.intent} has a location`);
        if (!m.text.trim()) bad.push(`${name}:${m.line} empty message`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('covers every intent and every category in each split', () => {
    for (const lines of Object.values(splits)) {
      expect(new Set(lines.map((m) => m.intent)).size).toBe(7);
      expect(new Set(lines.filter((m) => m.intent === 'lapor').map((m) => m.category)).size).toBe(config.categories.length);
    }
  });

  it('no message of test or unseen is also in train', () => {
    const key = (t: string) => words(t).join(' ');
    const trained = new Set(splits.train.map((m) => key(m.text)));
    const repeated = [...splits.test, ...splits.unseen].filter((m) => trained.has(key(m.text))).map((m) => m.text);
    expect(repeated).toEqual([]);
  });

  it("the unseen split's cities, streets and landmarks never appear in train or test", () => {
    const names = new Set<string>();
    for (const m of splits.unseen) {
      for (const w of words(m.location ?? '')) if (w.length >= 4 && !/^\d+$/.test(w) && !shared.has(w)) names.add(w);
    }
    expect(names.size).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const [name, lines] of [['train', splits.train], ['test', splits.test]] as const) {
      for (const m of lines) {
        const ws = words(`${m.text} ${m.location ?? ''}`);
        const joined = ` ${ws.join(' ')} `;
        const hit = [...ws.filter((w) => names.has(w)), ...RESERVED.filter((c) => joined.includes(` ${c} `))];
        if (hit.length > 0) leaks.push(`${name}:${m.line} [${hit.join(', ')}] ${m.text}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
