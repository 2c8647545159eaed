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

/**
 * The rows of a file that contain `needle`, parsed; the rest is never split.
 * villages.csv has 84,000 lines and a city needs a few dozen: splitting all of
 * them cost ~60 MB of memory at start-up that the process never gave back.
 */
function rowsContaining(file: string, needle: string): string[][] {
  const text = readFileSync(join(dataDir(), file), 'utf8');
  const out: string[][] = [];
  const header = text.indexOf('\n');
  for (let at = text.indexOf(needle, header); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    const start = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    out.push(splitCsvLine(text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '')));
    if (end === -1) break;
    at = end;
  }
  return out;
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
  const kecamatan = rowsContaining('districts.csv', `,${regencyCode},`).filter((r) => r[1] === regencyCode).map((r) => ({ code: r[0]!, name: r[2]! }));
  const kecCodes = new Set(kecamatan.map((k) => k.code));
  // A village's district code (second column) starts with the regency's code.
  const kelurahan = rowsContaining('villages.csv', `,${regencyCode}.`)
    .filter((r) => kecCodes.has(r[1]!))
    .map((r) => ({ code: r[0]!, name: r[2]!, kecamatanCode: r[1]! }));
  const dir: AreaDirectory = { code: regencyCode, name: regency[2]!, kecamatan, kelurahan };
  cache.set(regencyCode, dir);
  return dir;
}
