/**
 * Cheap checks before any YAML is parsed: size and an estimate of the number
 * of keys, both linear in the text. The YAML parser's duplicate-key check is
 * quadratic in the keys of one map (a 380 KB file with 40,000 keys held the
 * event loop for 18 s), so a runaway file is refused before it reaches it.
 */
import { MAX_PROMPT_FILE_BYTES, type ConfigIssue, buildPromptConfig, type ConfigResult } from '../../core/config/validate.js';
import type { AreaDirectory } from '../../core/config/area.js';

/** Most keys one prompts file may hold; the shipped files use at most ~320. Even all in one map this parses in ~0.3 s. */
export const MAX_PROMPT_KEYS = 5_000;

// "key:" at a line start, after "- " or inside a flow map ("{a: 1, b: 2}").
const KEY = /(?:^|[{,]|-\s)\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s#:{},[\]"'][^:#\n{},]*?)\s*:(?=\s|$)/gm;

/** Issues for files too large or with too many keys; empty when every file may be parsed. */
export function preflight(files: Record<string, string | undefined>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (text === undefined || !file.endsWith('.yaml')) continue;
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_PROMPT_FILE_BYTES) {
      issues.push({ file, path: '', message: `file is ${bytes} bytes; at most ${MAX_PROMPT_FILE_BYTES} are accepted` });
      continue;
    }
    let keys = 0;
    KEY.lastIndex = 0;
    while (KEY.exec(text) && ++keys <= MAX_PROMPT_KEYS) { /* count */ }
    if (keys > MAX_PROMPT_KEYS) {
      issues.push({ file, path: '', message: `file has more than ${MAX_PROMPT_KEYS} keys; split long keyword lists or remove pasted data` });
    }
  }
  return issues;
}

/** buildPromptConfig behind the preflight: a runaway file is refused in linear time. */
export function buildBounded(files: Record<string, string | undefined>, areas: AreaDirectory): ConfigResult {
  const issues = preflight(files);
  return issues.length ? { ok: false, issues } : buildPromptConfig(files, areas);
}
