/**
 * The structured answer the LLM must give, as a zod schema whose enums come
 * from the configured categories, so an out-of-list category is a parse
 * failure (and thus the offline result), never a new category.
 */
import { z } from 'zod';
import { INTENTS } from '../../core/nlu/types.js';

/** Schema of one labelled message for the given category ids. */
export function labelSchema(categoryIds: readonly string[]) {
  if (categoryIds.length === 0) throw new Error('labelSchema: the configuration has no categories; prompts/categories.yaml must list at least "lainnya"');
  return z.object({
    intent: z.enum(INTENTS),
    category: z.enum(categoryIds as [string, ...string[]]).nullable(),
    location: z.string().max(300).nullable(),
    confidence: z.number().min(0).max(1),
  });
}

export type LlmLabel = z.infer<ReturnType<typeof labelSchema>>;
