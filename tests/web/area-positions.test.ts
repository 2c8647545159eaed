/**
 * prompts/areas.yaml: kelurahan centres validated against the city's area
 * data, and how the map combines them with positions learned from pins.
 */
import { describe, expect, it } from 'vitest';
import { loadAreaDirectory } from '../../adapters/areas/idn-area.js';
import { parseAreaPositions } from '../../core/config/area-positions.js';
import { approximatePosition, learnAreaPositions } from '../../web/area-positions.js';

const bima = loadAreaDirectory('52.72');
const kel = bima.kelurahan[0]!.name;

describe('prompts/areas.yaml', () => {
  it('accepts kelurahan of the city, whatever their capitalisation', () => {
    const r = parseAreaPositions(`kelurahan:\n  ${kel.toLowerCase()}: { lat: -8.45, lng: 118.72 }\n`, bima);
    expect(r.ok).toBe(true);
    const pos = learnAreaPositions([], r.ok ? r.positions : new Map());
    expect(approximatePosition(pos, kel, null)).toEqual({ lat: -8.45, lng: 118.72, level: 'kelurahan' });
  });

  it.each([
    ['a kelurahan of another city', 'kelurahan:\n  Menteng: { lat: -6.19, lng: 106.83 }\n', 'unknown kelurahan "Menteng"'],
    ['a latitude out of range', `kelurahan:\n  ${kel}: { lat: -98, lng: 118.72 }\n`, 'expected kelurahan:'],
    ['broken YAML', 'kelurahan: [', 'not valid YAML'],
  ])('refuses %s with a message that names it', (_what, text, message) => {
    const r = parseAreaPositions(text, bima);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.issues.map((i) => i.message).join('\n')).toContain(message);
  });

  it('prefers the file over pins, and falls back to the kecamatan median', () => {
    const pins = [{ kecamatan: 'Asakota', kelurahan: kel, latitude: -8.40, longitude: 118.70 }];
    const pos = learnAreaPositions(pins, new Map([[kel.toLowerCase(), { lat: -8.5, lng: 118.8 }]]));
    expect(approximatePosition(pos, kel, 'Asakota')).toMatchObject({ lat: -8.5, lng: 118.8 });
    expect(approximatePosition(pos, 'Tidak Ada', 'asakota')).toEqual({ lat: -8.40, lng: 118.70, level: 'kecamatan' });
    expect(approximatePosition(pos, null, null)).toBeUndefined();
  });
});
