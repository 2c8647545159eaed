/**
 * Finds an open ticket that is probably the same problem as a new complaint:
 * same category, recent, and at the same place (same street or landmark in the
 * same kelurahan, or map pins within the configured radius).
 */
import type { PromptConfig } from '../config/schema.js';
import type { DraftLocation } from '../conversation/types.js';
import type { DuplicateCandidate, Store } from '../ports.js';
import type { Ticket } from '../tickets/types.js';

/** Distance in metres between two coordinates (haversine). */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

const STOP = new Set(['jalan', 'jl', 'gang', 'gg', 'di', 'depan', 'dekat', 'samping', 'belakang', 'sebelah', 'seberang', 'rt', 'rw',
  'no', 'nomor', 'kelurahan', 'kel', 'kecamatan', 'kec', 'desa', 'dusun', 'kota', 'bima', 'arah', 'ujung', 'pojok', 'sekitar', 'area', 'dkt', 'dpn', 'the']);

const wordsCache = new Map<string, Set<string>>();

/** The distinctive words of a place ("Jalan Sultan Hasanuddin depan masjid" → sultan, hasanuddin, masjid). */
export function placeWords(text: string): Set<string> {
  const cached = wordsCache.get(text);
  if (cached) return cached;
  // Open tickets are compared again for every new complaint; remember their words (bounded).
  if (wordsCache.size > 20_000) wordsCache.clear();
  const words = new Set(text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').split(' ').filter((w) => w.length >= 3 && !STOP.has(w)));
  wordsCache.set(text, words);
  return words;
}

function samePlace(loc: DraftLocation, t: DuplicateCandidate, radiusM: number): boolean {
  if (loc.latitude !== undefined && loc.longitude !== undefined && t.latitude !== null && t.longitude !== null) {
    return distanceMetres({ latitude: loc.latitude, longitude: loc.longitude }, { latitude: t.latitude, longitude: t.longitude }) <= radiusM;
  }
  if (!t.locationText) return false;
  if (loc.kelurahan && t.kelurahan && loc.kelurahan.toLowerCase() !== t.kelurahan.toLowerCase()) return false;
  const a = placeWords(loc.text);
  const b = placeWords(t.locationText);
  if (a.size === 0 || b.size === 0) return false;
  const shared = [...a].filter((w) => b.has(w)).length;
  // Most of the shorter description must match: "jalan sudirman" vs "jalan sudirman depan pasar".
  return shared >= Math.max(1, Math.ceil(Math.min(a.size, b.size) * 0.6));
}

export function findDuplicate(
  store: Store, config: PromptConfig, now: Date,
  draft: { category: string | null; location?: DraftLocation }, citizenId: number,
  /** Tickets the citizen already declined for this report: never offered again. */
  exclude: readonly number[] = [],
): Ticket | undefined {
  if (!draft.category || draft.category === 'lainnya' || !draft.location || config.city.duplicates.days === 0) return undefined;
  const since = new Date(now.getTime() - config.city.duplicates.days * 86_400_000).toISOString();
  for (const t of store.tickets.openSimilar(draft.category, since)) {
    if (t.citizenId === citizenId || exclude.includes(t.id) || !samePlace(draft.location, t, config.city.duplicates.radius_m)) continue;
    if (store.tickets.supporters(t.id).includes(citizenId)) continue;
    const ticket = store.tickets.get(t.id);
    // A confidential ticket cannot be supported, so it is never offered.
    if (ticket && !ticket.confidential) return ticket;
  }
  return undefined;
}
