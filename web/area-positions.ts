/**
 * Where a ticket without a pin is drawn: at its kelurahan (or else its
 * kecamatan), placed at the median of the pins citizens sent from there.
 * The median, not the mean, so one pin dropped in the wrong town does not
 * drag the whole kelurahan away.
 */
import type { AreaPin } from './ports.js';

/** Latitude/longitude of a place. */
export interface LatLng { lat: number; lng: number }

/** Positions by lower-cased kelurahan and kecamatan name. */
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

/** Learns positions from citizens' pins. */
export function learnAreaPositions(pins: AreaPin[]): AreaPositions {
  const kel = new Map<string, AreaPin[]>();
  const kec = new Map<string, AreaPin[]>();
  for (const p of pins) {
    const k = p.kelurahan.toLowerCase();
    kel.set(k, [...(kel.get(k) ?? []), p]);
    if (p.kecamatan) {
      const c = p.kecamatan.toLowerCase();
      kec.set(c, [...(kec.get(c) ?? []), p]);
    }
  }
  return { kelurahan: medians(kel), kecamatan: medians(kec) };
}

/** The approximate position for a ticket's area, or undefined when nothing is known about it. */
export function approximatePosition(pos: AreaPositions, kelurahan: string | null, kecamatan: string | null): (LatLng & { level: 'kelurahan' | 'kecamatan' }) | undefined {
  const kel = kelurahan ? pos.kelurahan.get(kelurahan.toLowerCase()) : undefined;
  if (kel) return { ...kel, level: 'kelurahan' };
  const kec = kecamatan ? pos.kecamatan.get(kecamatan.toLowerCase()) : undefined;
  return kec ? { ...kec, level: 'kecamatan' } : undefined;
}
