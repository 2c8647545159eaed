/**
 * Loads prompts/ and the city's areas for the classifier scripts (classify,
 * eval, bench), through the same reader and validation the app uses, so the
 * scripts classify with exactly the keywords an admin sees. Throws with the
 * validation errors when prompts/ are invalid.
 */
import { join } from 'node:path';
import { loadAreaDirectory } from '../adapters/areas/idn-area.js';
import { readAreaCode, readPromptFiles } from '../adapters/prompts/files.js';
import type { AreaDirectory } from '../core/config/area.js';
import type { PromptConfig } from '../core/config/schema.js';
import { buildPromptConfig, formatIssues } from '../core/config/validate.js';

/** Validated configuration and area directory from `dir` (default: prompts/ in the working directory). */
export function loadNluConfig(dir = join(process.cwd(), 'prompts')): { config: PromptConfig; areas: AreaDirectory } {
  const areas = loadAreaDirectory(readAreaCode(dir));
  const result = buildPromptConfig(readPromptFiles(dir), areas);
  if (!result.ok) throw new Error(`prompts/ in ${dir} are invalid:\n${formatIssues(result.issues)}`);
  return { config: result.config, areas };
}
