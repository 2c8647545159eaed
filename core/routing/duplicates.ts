/**
 * Finds an open ticket that is probably the same problem as a new complaint:
 * same category, recent, and the same place. The same place means map pins
 * within the configured radius, or — without pins — the same street, gang or
 * landmark, compared on the place's own name ("Sadia", "Terminal Dara"), never
 * on common words ("rumah", "tangga", "depan", "jalan"). A kelurahan or an RT
 * shared by two descriptions is not enough on its own: a kelurahan has many
 * streets.
 */
import type { PromptConfig } from '../config/schema.js';
import type { DraftLocation } from '../conversation/types.js';
import type { DuplicateCandidate, PlaceQuery, Store } from '../ports.js';
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

const EXPAND: Record<string, string> = { jl: 'jalan', jln: 'jalan', jlan: 'jalan', gg: 'gang', lr: 'lorong', kel: 'kelurahan', kec: 'kecamatan',
  ds: 'desa', dsn: 'dusun', no: 'nomor', nmr: 'nomor', perum: 'perumahan', komp: 'kompleks', komplek: 'kompleks', dkt: 'dekat', dpn: 'depan',
  sbrg: 'seberang', blkg: 'belakang', psr: 'pasar', mesjid: 'masjid', pkm: 'puskesmas', lingk: 'lingkungan' };
/** Markers of a street-like name. */
const STREET = new Set(['jalan', 'gang', 'lorong']);
/** Markers of an administrative area: a shared area alone does not make the same place. */
const AREA = new Set(['kelurahan', 'kecamatan', 'desa', 'dusun', 'lingkungan', 'kampung', 'gampong', 'nagari', 'banjar', 'rt', 'rw', 'kota', 'kabupaten']);
/** Landmark nouns: "masjid Al-Ikhlas" is a place, the noun alone is not. */
const LANDMARK = new Set(['pasar', 'masjid', 'musala', 'mushola', 'gereja', 'pura', 'vihara', 'terminal', 'pelabuhan', 'bandara', 'stasiun',
  'lapangan', 'taman', 'pantai', 'jembatan', 'sekolah', 'sd', 'sdn', 'smp', 'smpn', 'sma', 'sman', 'smk', 'smkn', 'puskesmas', 'rsud', 'rs',
  'kantor', 'perumahan', 'kompleks', 'blok', 'simpang', 'pertigaan', 'perempatan', 'bundaran', 'tugu', 'spbu', 'toko', 'warung', 'apotek',
  'bank', 'hotel', 'kampus', 'makam', 'tpu', 'tps', 'gor', 'stadion', 'sungai', 'kali', 'kanal', 'parit', 'pondok', 'balai', 'ruko', 'mall']);
/** Words that never identify a place by themselves. */
const COMMON = new Set(['di', 'ke', 'dari', 'depan', 'dekat', 'samping', 'belakang', 'sebelah', 'seberang', 'ujung', 'pojok', 'arah', 'sekitar',
  'area', 'pinggir', 'tengah', 'dan', 'yang', 'nomor', 'rumah', 'tangga', 'saya', 'kami', 'warga', 'raya', 'besar', 'kecil', 'baru', 'lama',
  'utama', 'umum', 'the', 'no', 'dekatnya', 'situ', 'sini', 'sana', 'itu', 'ini', 'bima', 'pak', 'bu', 'tepat', 'persis', 'masuk', 'lewat']);
const RELATION = new Set(['depan', 'dekat', 'samping', 'belakang', 'sebelah', 'seberang', 'ujung', 'pojok', 'arah', 'sekitar', 'pinggir', 'di', 'dan', 'ke']);

const keysCache = new Map<string, Set<string>>();

/** A place key taken apart once: "landmark:masjid al ikhlas" → kind, words, whether a word is long enough to tell places apart. */
interface ParsedKey {
  key: string;
  kind: string;
  words: string[];
  distinctive: boolean;
}
const parsedCache = new Map<string, ParsedKey[]>();

function words(text: string): string[] {
  return text.toLowerCase().replace(/['’`]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    .map((w) => EXPAND[w] ?? w).map((w) => (/^\d+$/.test(w) ? String(Number(w)) : w));
}

/**
 * The names that identify a place: "street:sultan hasanuddin",
 * "landmark:terminal dara", "name:paruga" (a bare name). Areas (kelurahan,
 * RT) are left out: they narrow a place but never identify it.
 */
export function placeKeys(text: string): Set<string> {
  const cached = keysCache.get(text);
  if (cached) return cached;
  // Open tickets are compared again for every new complaint; remember their keys (bounded).
  if (keysCache.size > 20_000) keysCache.clear();
  const keys = new Set<string>();
  const w = words(text);
  let i = 0;
  while (i < w.length) {
    const marker = w[i]!;
    const kind = STREET.has(marker) ? 'street' : LANDMARK.has(marker) ? 'landmark' : AREA.has(marker) ? 'area' : RELATION.has(marker) || COMMON.has(marker) ? 'skip' : 'name';
    if (kind === 'skip') { i++; continue; }
    let j = kind === 'name' ? i : i + 1;
    const name: string[] = [];
    // A house number or km marker belongs to the address, not to the street's name.
    while (j < w.length && !STREET.has(w[j]!) && !AREA.has(w[j]!) && !RELATION.has(w[j]!) && !(LANDMARK.has(w[j]!) && j > i) && !(kind !== 'landmark' && (w[j] === 'nomor' || w[j] === 'km'))) {
      if (!COMMON.has(w[j]!) || name.length > 0) name.push(w[j]!);
      j++;
    }
    // A landmark's number or name ("SDN 4", "masjid Al-Ikhlas") is part of it; a street needs a name of its own.
    const distinctive = name.filter((x) => !COMMON.has(x));
    if (kind !== 'area' && distinctive.some((x) => x.length >= 3 || /^\d+$/.test(x))) {
      keys.add(kind === 'landmark' ? `landmark:${marker} ${distinctive.join(' ')}` : `${kind === 'name' ? 'name' : 'street'}:${distinctive.join(' ')}`);
    }
    i = Math.max(j, i + 1);
  }
  keysCache.set(text, keys);
  return keys;
}

/** Two names are the same when one is the other, or one contains all the words of the other ("hasanuddin" in "sultan hasanuddin"). */
function sameName(a: ParsedKey, b: ParsedKey): boolean {
  if (a.key === b.key) return true;
  if (a.kind === 'landmark' || b.kind === 'landmark') {
    if (a.kind !== b.kind) return false;
    if (a.words[0] !== b.words[0]) return false;
  }
  const [short, long] = a.words.length <= b.words.length ? [a, b] : [b, a];
  return short.distinctive && short.words.every((x) => long.words.includes(x));
}

/** placeKeys, taken apart for sameName (cached: open tickets are compared again for every new complaint). */
function parsedKeys(text: string): ParsedKey[] {
  const cached = parsedCache.get(text);
  if (cached) return cached;
  if (parsedCache.size > 20_000) parsedCache.clear();
  const parsed = [...placeKeys(text)].map((key) => {
    const words = key.slice(key.indexOf(':') + 1).split(' ');
    return { key, kind: key.slice(0, key.indexOf(':')), words, distinctive: words.some((x) => x.length >= 4) };
  });
  parsedCache.set(text, parsed);
  return parsed;
}

/** True when a new complaint's place and an open ticket's place are the same place (see the module comment). */
export function samePlace(loc: DraftLocation, t: Pick<DuplicateCandidate, 'locationText' | 'kelurahan' | 'latitude' | 'longitude'>, radiusM: number): boolean {
  if (loc.latitude !== undefined && loc.longitude !== undefined && t.latitude !== null && t.longitude !== null) {
    return distanceMetres({ latitude: loc.latitude, longitude: loc.longitude }, { latitude: t.latitude, longitude: t.longitude }) <= radiusM;
  }
  if (!t.locationText || !loc.text) return false;
  if (loc.kelurahan && t.kelurahan && loc.kelurahan.toLowerCase() !== t.kelurahan.toLowerCase()) return false;
  const a = parsedKeys(loc.text);
  const b = parsedKeys(t.locationText);
  for (const x of a) for (const y of b) if (sameName(x, y)) return true;
  return false;
}

/**
 * The words a place is found by in the store's place index: every word of its
 * place keys except a landmark's noun ("masjid" of "masjid al ikhlas", shared
 * by every mosque). Two places that samePlace() matches on text always share
 * one of these words (sameName needs the shorter name's words inside the
 * longer one, and a landmark key always has a word after its noun), so
 * looking candidates up by them finds every match and reads only tickets at
 * a place of the same name, however many tickets are open.
 */
export function placeTerms(text: string | null | undefined): string[] {
  if (!text) return [];
  const terms = new Set<string>();
  for (const k of parsedKeys(text)) k.words.forEach((w, i) => { if (k.kind !== 'landmark' || i > 0) terms.add(w); });
  return [...terms];
}

/** Metres per degree of latitude (and of longitude at the equator). */
const METRES_PER_DEGREE = 111_320;

/** The latitude/longitude box around a pin that holds every point within radiusM of it (a little wider, never narrower). */
export function pinBox(loc: { latitude?: number | undefined; longitude?: number | undefined }, radiusM: number): PlaceQuery['box'] {
  if (loc.latitude === undefined || loc.longitude === undefined) return undefined;
  const dLat = (radiusM / METRES_PER_DEGREE) * 1.01;
  const dLon = dLat / Math.max(Math.cos((loc.latitude * Math.PI) / 180), 0.01);
  return { south: loc.latitude - dLat, north: loc.latitude + dLat, west: loc.longitude - dLon, east: loc.longitude + dLon };
}

/** The open ticket a new complaint probably repeats (same category, same place, recent, someone else's), if any. */
export async function findDuplicate(
  store: Store, config: PromptConfig, now: Date,
  draft: { category: string | null; location?: DraftLocation }, citizenId: number,
  /** Tickets the citizen already declined for this report: never offered again. */
  exclude: readonly number[] = [],
): Promise<Ticket | undefined> {
  if (!draft.category || draft.category === 'lainnya' || !draft.location || config.city.duplicates.days === 0) return undefined;
  const near: PlaceQuery = { terms: placeTerms(draft.location.text) };
  const box = pinBox(draft.location, config.city.duplicates.radius_m);
  if (box) near.box = box;
  // A place without a name of its own and without a pin matches nothing (see samePlace): no lookup.
  if (near.terms.length === 0 && !near.box) return undefined;
  const since = new Date(now.getTime() - config.city.duplicates.days * 86_400_000).toISOString();
  for (const t of await store.tickets.openSimilar(draft.category, since, near)) {
    if (t.citizenId === citizenId || exclude.includes(t.id) || !samePlace(draft.location, t, config.city.duplicates.radius_m)) continue;
    if ((await store.tickets.supporters(t.id)).includes(citizenId)) continue;
    const ticket = await store.tickets.get(t.id);
    // A confidential ticket cannot be supported, so it is never offered.
    if (ticket && !ticket.confidential) return ticket;
  }
  return undefined;
}
