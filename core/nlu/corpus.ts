/**
 * Reads labelled messages in the one-line format shared by the training
 * corpus (core/nlu/corpus/train.ts) and the test fixtures
 * (tests/fixtures/nlu/test.tsv):
 *
 *   intent <TAB> category or - <TAB> location or - <TAB> message
 *
 * Blank lines and lines starting with # are ignored.
 */
import { INTENTS, type Intent } from './types.js';

export interface LabelledMessage {
  intent: Intent;
  category: string | null;
  location: string | null;
  text: string;
  /** 1-based line number in the source, for error messages. */
  line: number;
}

/** Parses the corpus format; throws with the line number on a malformed line. */
export function parseLabelled(source: string, name = 'corpus'): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  source.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const parts = line.split('\t');
    if (parts.length < 4) throw new Error(`${name}:${i + 1}: expected 4 tab-separated fields (intent, category, location, text), got ${parts.length}`);
    const [intent, category, location, ...rest] = parts as [string, string, string, ...string[]];
    if (!(INTENTS as readonly string[]).includes(intent.trim())) throw new Error(`${name}:${i + 1}: unknown intent "${intent}"; expected one of ${INTENTS.join(', ')}`);
    out.push({
      intent: intent.trim() as Intent,
      category: category.trim() === '-' ? null : category.trim(),
      location: location.trim() === '-' ? null : location.trim(),
      text: rest.join('\t'),
      line: i + 1,
    });
  });
  return out;
}
