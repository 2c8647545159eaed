/**
 * The real prompts/ configuration and Kota Bima's areas for the NLU tests,
 * loaded once, plus helpers to tweak a copy (e.g. an admin adding a keyword).
 */
import { loadNluConfig } from '../../../scripts/nlu-config.js';
import type { PromptConfig } from '../../../core/config/schema.js';

export const { config, areas } = loadNluConfig();

/** A copy of the configuration with extra keywords for one category, as if an admin had edited categories.yaml. */
export function withKeywords(categoryId: string, keywords: Record<string, number>): PromptConfig {
  return {
    ...config,
    categories: config.categories.map((c) => (c.id === categoryId ? { ...c, keywords: { ...c.keywords, ...keywords } } : c)),
  };
}
