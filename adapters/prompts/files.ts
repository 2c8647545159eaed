/**
 * Reads and writes the admin-editable files in prompts/ (the only code that
 * touches that folder on disk). Writes go through a temporary file and a
 * rename, so a reader never sees half a file.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PROMPT_FILE_BYTES } from '../../core/config/validate.js';
import { PROMPT_FILES } from '../../core/config/schema.js';

export const PROMPT_FILE_NAMES: readonly string[] = Object.values(PROMPT_FILES);

/** File name → text for every known prompts file; a missing or oversized file is reported by validation. */
export function readPromptFiles(dir: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of PROMPT_FILE_NAMES) {
    const path = join(dir, name);
    if (!existsSync(path)) { out[name] = undefined; continue; }
    const size = statSync(path).size;
    // Do not read a runaway file into memory; validation reports the size.
    out[name] = size > MAX_PROMPT_FILE_BYTES ? 'x'.repeat(MAX_PROMPT_FILE_BYTES + 1) : readFileSync(path, 'utf8');
  }
  return out;
}

export function writePromptFiles(dir: string, files: Record<string, string | undefined>): void {
  for (const [name, text] of Object.entries(files)) {
    if (text === undefined || !PROMPT_FILE_NAMES.includes(name)) continue;
    const path = join(dir, name);
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  }
}

/** The area code written in a city.yaml text, if any. */
export function areaCodeIn(text: string | undefined): string | undefined {
  return /^area_code:\s*["']?(\d{2}\.\d{2})["']?/m.exec(text ?? '')?.[1];
}

/** The city's area code from city.yaml, needed to load its areas before the full validation can run. */
export function readAreaCode(dir: string, fallback?: string): string {
  const code = areaCodeIn(readPromptFiles(dir)['city.yaml']) ?? fallback;
  if (!code) throw new Error(`prompts/city.yaml in ${dir} has no area_code such as "52.72"; the city's kecamatan and kelurahan are loaded from it`);
  return code;
}
