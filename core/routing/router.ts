/**
 * Applies the ordered routing rules from prompts/routing.yaml to a classified
 * complaint: first match wins, then the category's default agency, and triage
 * at the command centre when the category is "lainnya" or the classifier is unsure.
 */
import { areaKey } from '../config/area.js';
import type { PromptConfig, RoutingRule } from '../config/schema.js';

export interface RouteInput {
  category: string;
  confidence: number;
  /** Normalised message text; keywords_any is matched against it and the raw text. */
  text: string;
  kecamatan?: string | null;
  kelurahan?: string | null;
}

export type RouteDecision =
  | { kind: 'agency'; agency: string; rule: string | null; triage: false }
  | { kind: 'triage'; agency: string; rule: string | null; reason: 'rule' | 'lainnya' | 'low_confidence'; triage: true }
  | { kind: 'reject'; message: string; rule: string };

function includesPhrase(haystack: string, phrase: string): boolean {
  const h = ` ${haystack.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const p = ` ${phrase.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  return h.includes(p);
}

/** Does every condition of the rule hold for this complaint? */
export function ruleMatches(rule: RoutingRule, input: RouteInput): boolean {
  const w = rule.when;
  if (w.category && !w.category.includes(input.category)) return false;
  if (w.kecamatan && !(input.kecamatan && w.kecamatan.some((k) => areaKey(k) === areaKey(input.kecamatan!)))) return false;
  if (w.kelurahan && !(input.kelurahan && w.kelurahan.some((k) => areaKey(k) === areaKey(input.kelurahan!)))) return false;
  if (w.keywords_any && !w.keywords_any.some((k) => includesPhrase(input.text, k))) return false;
  return true;
}

export function routeComplaint(config: PromptConfig, input: RouteInput): RouteDecision {
  const triageAgency = config.city.triage_agency;
  for (const rule of config.rules) {
    if (!ruleMatches(rule, input)) continue;
    if (rule.reject !== undefined) return { kind: 'reject', message: rule.reject, rule: rule.name };
    if (rule.triage) return { kind: 'triage', agency: triageAgency, rule: rule.name, reason: 'rule', triage: true };
    return { kind: 'agency', agency: rule.agency!, rule: rule.name, triage: false };
  }
  if (input.category === 'lainnya') return { kind: 'triage', agency: triageAgency, rule: null, reason: 'lainnya', triage: true };
  if (input.confidence < config.city.triage_below_confidence) {
    return { kind: 'triage', agency: triageAgency, rule: null, reason: 'low_confidence', triage: true };
  }
  const category = config.categories.find((c) => c.id === input.category);
  if (!category) return { kind: 'triage', agency: triageAgency, rule: null, reason: 'lainnya', triage: true };
  return { kind: 'agency', agency: category.default_agency, rule: null, triage: false };
}
