/**
 * Decides whether an extracted location names the same place as a labelled
 * one, for the evaluation and tests. Spelling variants (Jl./jln/jalan,
 * "RT 03"/"rt 3", "Al-Ikhlas"/"al ikhlas") compare equal; extra precision in
 * the prediction ("Jalan Kartini nomor 8, RT 02") is not an error.
 */

const EXPAND: Record<string, string> = { jl: 'jalan', jln: 'jalan', gg: 'gang', kel: 'kelurahan', kec: 'kecamatan', no: 'nomor', nmr: 'nomor', perum: 'perumahan', komp: 'kompleks', komplek: 'kompleks', dkt: 'dekat', dpn: 'depan' };

/** Lower-case words of a place, abbreviations expanded and leading zeros dropped. */
export function placeWords(place: string): string[] {
  return place.toLowerCase().replace(/['’`]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    .flatMap((w) => { const m = /^(\p{L}+)(\d+)$/u.exec(w); return m ? [m[1]!, m[2]!] : [w]; })
    .map((w) => EXPAND[w] ?? w).map((w) => (/^\d+$/.test(w) ? String(Number(w)) : w));
}

/**
 * True when both are null, or when every word of the expected place is in the
 * prediction, or when their word overlap F1 is at least 0.67.
 */
export function locationMatches(expected: string | null, predicted: string | null): boolean {
  if (expected === null || predicted === null) return expected === predicted;
  const e = placeWords(expected);
  const p = new Set(placeWords(predicted));
  if (e.length === 0) return p.size === 0;
  const common = e.filter((w) => p.has(w)).length;
  if (common === e.length) return true;
  const precision = p.size === 0 ? 0 : common / p.size;
  const recall = common / e.length;
  return precision + recall > 0 && (2 * precision * recall) / (precision + recall) >= 0.67;
}
