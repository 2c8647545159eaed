/**
 * Renders what the bot says from prompts/replies.yaml, and the labels shown
 * with it (category labels, agency names, local times).
 */
import { renderTemplate, type ReplyKey } from './reply-keys.js';
import type { PromptConfig } from './schema.js';

export type Vars = Record<string, string | number | null | undefined>;

export function reply(config: PromptConfig, key: ReplyKey, vars: Vars = {}): string {
  const text = config.replies[key];
  // Validation guarantees every key exists; this guards a programming error, not an admin edit.
  if (text === undefined) throw new Error(`Reply "${key}" is not in prompts/replies.yaml; add it to REPLY_SPEC and the file`);
  return renderTemplate(text, { kota: config.city.name, ...vars });
}

export function categoryLabel(config: PromptConfig, id: string): string {
  return config.categories.find((c) => c.id === id)?.label ?? id;
}

export function agencyName(config: PromptConfig, code: string): string {
  return config.agencies.find((a) => a.code === code)?.name ?? code;
}

const ZONE_NAMES: Record<number, string> = { 7: 'WIB', 8: 'WITA', 9: 'WIT' };

/** "22/11/2026 14.05 WITA": the way Indonesian government notices write times. */
export function localTime(config: PromptConfig, iso: string): string {
  const offset = config.city.timezone_offset_hours;
  const d = new Date(new Date(iso).getTime() + offset * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const zone = ZONE_NAMES[offset] ?? `UTC${offset >= 0 ? '+' : ''}${offset}`;
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}.${p(d.getUTCMinutes())} ${zone}`;
}
