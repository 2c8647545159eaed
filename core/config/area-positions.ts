/**
 * The optional prompts/areas.yaml: where each kelurahan lies (latitude and
 * longitude of its centre), so the map can place tickets that name a
 * kelurahan but carry no pin before any citizen has sent a pin from there.
 * Names are checked against the city's area data; a bad file is refused
 * whole, with every mistake listed, and the map falls back to learned positions.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { areaKey, type AreaDirectory } from './area.js';
import type { ConfigIssue } from './validate.js';

const pointSchema = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict();
const fileSchema = z.object({ kelurahan: z.record(z.string(), pointSchema).default({}) }).strict();

/** Kelurahan centres by areaKey of the name. */
export type AreaPositionTable = Map<string, { lat: number; lng: number }>;

/** Parses and validates areas.yaml; names must be kelurahan of the configured city. */
export function parseAreaPositions(text: string, areas: AreaDirectory): { ok: true; positions: AreaPositionTable } | { ok: false; issues: ConfigIssue[] } {
  const file = 'areas.yaml';
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (err) {
    return { ok: false, issues: [{ file, path: '', message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` }] };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ file, path: i.path.map(String).join('.'), message: `${i.message}; expected kelurahan: { Nama: { lat: -8.45, lng: 118.72 } }` })) };
  }
  const known = new Map(areas.kelurahan.map((k) => [areaKey(k.name), k.name]));
  const issues: ConfigIssue[] = [];
  const positions: AreaPositionTable = new Map();
  for (const [name, p] of Object.entries(parsed.data.kelurahan)) {
    if (!known.has(areaKey(name))) issues.push({ file, path: `kelurahan.${name}`, message: `unknown kelurahan "${name}" in ${areas.name}` });
    else positions.set(areaKey(name), p);
  }
  return issues.length ? { ok: false, issues } : { ok: true, positions };
}
