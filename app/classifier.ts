/**
 * Chooses the classifier from CLASSIFIER: offline (default), or the LLM
 * through any OpenAI-compatible server in hybrid/llm mode, always with the
 * offline classifier as the fallback. The openai client is loaded only when
 * an LLM mode is configured.
 */
import type { PromptConfig } from '../core/config/schema.js';
import type { OfflineClassifier } from '../core/nlu/offline.js';
import type { Classifier, Logger } from '../core/ports.js';
import type { AppConfig } from './config.js';

export function createClassifier(config: AppConfig, offline: () => OfflineClassifier, getConfig: () => PromptConfig, logger: Logger): Classifier {
  // Delegates to whichever offline model is current (it is rebuilt when admins edit keywords).
  const current: OfflineClassifier = {
    classify: (text) => offline().classify(text),
    classifySync: (text) => offline().classifySync(text),
  };
  if (config.CLASSIFIER === 'offline') return current;
  const mode = config.CLASSIFIER;
  let llm: Promise<Classifier> | undefined;
  return {
    async classify(text) {
      llm ??= import('../adapters/llm/openai-classifier.js').then((m) => m.createLlmClassifier({
        mode,
        offline: current,
        getConfig,
        apiKey: config.OPENAI_API_KEY || 'not-needed',
        ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
        model: config.OPENAI_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        maxRetries: config.OPENAI_MAX_RETRIES,
        logger,
      }));
      return (await llm).classify(text);
    },
  };
}
