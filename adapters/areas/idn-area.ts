/**
 * Loads one kota/kabupaten's kecamatan and kelurahan from the idn-area-data
 * package (shipped CSV, no network). The only place that knows the package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AreaDirectory } from '../../core/config/area.js';

const cache = new Map<string, AreaDirectory>();

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

function rows(file: string): string[][] {
  return readFileSync(join(dataDir(), file), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map(splitCsvLine);
}

/** idn-area-data quotes names that contain commas; handle that minimal CSV. */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') { cur += '"'; i++; } else quoted = !quoted;
    } else if (ch === ',' && !quoted) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Areas of the kota/kabupaten with this Kemendagri code ("52.72"); throws with a hint when unknown. */
export function loadAreaDirectory(regencyCode: string): AreaDirectory {
  const cached = cache.get(regencyCode);
  if (cached) return cached;
  const regency = rows('regencies.csv').find((r) => r[0] === regencyCode);
  if (!regency) {
    throw new Error(`Unknown kota/kabupaten code "${regencyCode}" in idn-area-data; use a code such as "52.72" (Kota Bima) in prompts/city.yaml area_code`);
  }
  const kecamatan = rows('districts.csv').filter((r) => r[1] === regencyCode).map((r) => ({ code: r[0]!, name: r[2]! }));
  const kecCodes = new Set(kecamatan.map((k) => k.code));
  const kelurahan = rows('villages.csv')
    .filter((r) => kecCodes.has(r[1]!))
    .map((r) => ({ code: r[0]!, name: r[2]!, kecamatanCode: r[1]! }));
  const dir: AreaDirectory = { code: regencyCode, name: regency[2]!, kecamatan, kelurahan };
  cache.set(regencyCode, dir);
  return dir;
}
