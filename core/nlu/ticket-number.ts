/**
 * Finds ticket numbers the way citizens type them ("BM-0042", "bm 42",
 * "BM0042", "#BM-0042") so the conversation engine can answer "cek bm 42"
 * without the citizen copying the exact format.
 */

const patterns = new Map<string, RegExp>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Canonical ticket numbers ("BM-0042": prefix, dash, at least 4 digits) found in the text, in order, without repeats. */
export function findTicketNumbers(text: string, prefix: string): string[] {
  if (typeof text !== 'string' || !prefix) return [];
  let re = patterns.get(prefix);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])#?${escapeRegExp(prefix)}[\\s\\-_.#:/]{0,2}(\\d{1,9})(?![\\p{N}])`, 'giu');
    if (patterns.size > 20) patterns.clear();
    patterns.set(prefix, re);
  }
  re.lastIndex = 0;
  const out: string[] = [];
  for (const m of text.slice(0, 20_000).matchAll(re)) {
    const digits = m[1]!.replace(/^0+(?=\d)/, '');
    const canonical = `${prefix.toUpperCase()}-${digits.padStart(4, '0')}`;
    if (!out.includes(canonical)) out.push(canonical);
  }
  return out;
}
