/**
 * Classifier backed by any OpenAI-compatible server (OpenAI, Ollama, vLLM),
 * with the offline classifier as the safety net. Mode "llm" asks the model
 * for every message; "hybrid" only when the offline confidence is below the
 * city's triage threshold. Any failure — timeout, HTTP error, invalid JSON,
 * an answer outside the enums — returns the offline result and is logged.
 * The model only proposes labels: the location it names must occur in the
 * citizen's own text, and areas are resolved by the offline code.
 */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { PromptConfig } from '../../core/config/schema.js';
import type { OfflineClassifier } from '../../core/nlu/offline.js';
import type { Classification } from '../../core/nlu/types.js';
import type { Classifier, Logger } from '../../core/ports.js';
import { buildSystemPrompt, buildUserMessage } from './prompt.js';
import { labelSchema, type LlmLabel } from './schema.js';

export interface LlmClassifierOptions {
  mode: 'llm' | 'hybrid';
  offline: OfflineClassifier;
  getConfig: () => PromptConfig;
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Per request; the SDK retries up to maxRetries times on timeouts, 429 and 5xx. */
  timeoutMs: number;
  maxRetries: number;
  logger: Logger;
}

function words(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
}

/** The model's location, kept only when most of its words occur in the citizen's text. */
function groundedLocation(location: string | null, text: string): string | null {
  if (!location || !location.trim()) return null;
  const locWords = words(location);
  if (locWords.length === 0) return null;
  const textWords = new Set(words(text));
  const found = locWords.filter((w) => textWords.has(w) || [...textWords].some((t) => t.startsWith(w) || w.startsWith(t))).length;
  return found / locWords.length >= 0.6 ? location.trim().slice(0, 200) : null;
}

/** Builds the LLM classifier; it never throws from classify(). */
export function createLlmClassifier(opts: LlmClassifierOptions): Classifier {
  const { mode, offline, getConfig, model, logger } = opts;
  const client = new OpenAI({
    apiKey: opts.apiKey || 'not-needed',
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries,
  });
  const source = (s: 'llm' | 'offline') => (mode === 'hybrid' ? `hybrid:${s}` : s);

  async function askModel(text: string, config: PromptConfig): Promise<LlmLabel> {
    const schema = labelSchema(config.categories.map((c) => c.id));
    const completion = await client.chat.completions.parse({
      model,
      temperature: 0,
      messages: [
        { role: 'system', content: buildSystemPrompt(config) },
        { role: 'user', content: buildUserMessage(text) },
      ],
      response_format: zodResponseFormat(schema, 'klasifikasi_pesan'),
    });
    const message = completion.choices[0]?.message;
    if (!message) throw new Error('the LLM answered without a choice');
    if (message.refusal) throw new Error(`the LLM refused: ${message.refusal.slice(0, 200)}`);
    if (!message.parsed) throw new Error('the LLM answer had no parsed content');
    // parse() validated with zod already; validate again so a lenient server cannot slip past.
    return schema.parse(message.parsed);
  }

  function merge(text: string, base: Classification, label: LlmLabel, config: PromptConfig): Classification {
    const lapor = label.intent === 'lapor';
    let category: string | null = null;
    if (lapor) category = label.category ?? (base.category ?? (config.categories.some((c) => c.id === 'lainnya') ? 'lainnya' : config.categories[0]!.id));
    const locText = groundedLocation(label.location, text);
    const location = locText === null ? base.location : (base.location && base.location.text.toLowerCase() === locText.toLowerCase() ? base.location : { text: locText });
    const area = base.area ?? (locText ? offline.classifySync(locText).area : null);
    const alternatives = lapor
      ? [{ category: category!, score: label.confidence }, ...base.alternatives.filter((a) => a.category !== category)].slice(0, 4)
      : [];
    return { intent: label.intent, category, confidence: Math.round(label.confidence * 1000) / 1000, alternatives, location, area, normalized: base.normalized, source: source('llm') };
  }

  return {
    async classify(text: string): Promise<Classification> {
      const base = offline.classifySync(text);
      const config = getConfig();
      if (mode === 'hybrid' && base.confidence >= config.city.triage_below_confidence) return { ...base, source: source('offline') };
      if (typeof text !== 'string' || !text.trim()) return { ...base, source: source('offline') };
      try {
        const label = await askModel(text, config);
        return merge(text, base, label, config);
      } catch (err) {
        logger.warn({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err), model, mode, chars: text.length },
          'LLM classification failed; using the offline result');
        return { ...base, source: source('offline') };
      }
    },
  };
}
