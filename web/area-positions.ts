/**
 * Where a ticket without a pin is drawn: at its kelurahan (or else its
 * kecamatan), placed at the median of the pins citizens sent from there.
 * The median, not the mean, so one pin dropped in the wrong town does not
 * drag the whole kelurahan away.
 */
import { areaKey } from '../core/config/area.js';
import type { AreaPin } from './ports.js';

/** Latitude/longitude of a place. */
export interface LatLng { lat: number; lng: number }

/** Positions by kelurahan (areaKey of the name) and lower-cased kecamatan name. */
export interface AreaPositions {
  kelurahan: Map<string, LatLng>;
  kecamatan: Map<string, LatLng>;
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function medians(groups: Map<string, AreaPin[]>): Map<string, LatLng> {
  const out = new Map<string, LatLng>();
  for (const [k, pins] of groups) out.set(k, { lat: medianOf(pins.map((p) => p.latitude)), lng: medianOf(pins.map((p) => p.longitude)) });
  return out;
}

/** Learns positions from citizens' pins; `known` (areas.yaml, keyed by areaKey) wins over what is learned. */
export function learnAreaPositions(pins: AreaPin[], known: ReadonlyMap<string, LatLng> = new Map()): AreaPositions {
  const kel = new Map<string, AreaPin[]>();
  const kec = new Map<string, AreaPin[]>();
  for (const p of pins) {
    const k = areaKey(p.kelurahan);
    kel.set(k, [...(kel.get(k) ?? []), p]);
    if (p.kecamatan) {
      const c = p.kecamatan.toLowerCase();
      kec.set(c, [...(kec.get(c) ?? []), p]);
    }
  }
  const kelurahan = medians(kel);
  for (const [k, p] of known) kelurahan.set(k, p);
  return { kelurahan, kecamatan: medians(kec) };
}

/** The approximate position for a ticket's area, or undefined when nothing is known about it. */
export function approximatePosition(pos: AreaPositions, kelurahan: string | null, kecamatan: string | null): (LatLng & { level: 'kelurahan' | 'kecamatan' }) | undefined {
  const kel = kelurahan ? pos.kelurahan.get(areaKey(kelurahan)) : undefined;
  if (kel) return { ...kel, level: 'kelurahan' };
  const kec = kecamatan ? pos.kecamatan.get(kecamatan.toLowerCase()) : undefined;
  return kec ? { ...kec, level: 'kecamatan' } : undefined;
}
