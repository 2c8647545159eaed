/**
 * Turns the text of the prompts/ files into a validated PromptConfig, or a list
 * of errors that each name the file, the path inside it and what is expected.
 * Pure: no file system, so the CLI, the hot reloader and the web editor all
 * validate an edit the same way before it is applied.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { areaKey, type AreaDirectory } from './area.js';
import { placeholdersIn, REPLY_SPEC } from './reply-keys.js';
import {
  agenciesFileSchema, categoriesFileSchema, citySchema, faqFileSchema, PROMPT_FILES, whatsappTemplatesFileSchema,
  repliesFileSchema, routingFileSchema, wordsFileSchema, type PromptConfig, type RoutingRule, type Words,
} from './schema.js';
import { parseWhatsAppTemplates } from './whatsapp-templates.js';

export interface ConfigIssue {
  file: string;
  /** Path inside the file, e.g. "rules[2].agency". Empty for the whole file. */
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: PromptConfig } | { ok: false; issues: ConfigIssue[] };

/** Largest prompts file accepted; a 5 MB paste is a mistake, not a configuration. */
export const MAX_PROMPT_FILE_BYTES = 512 * 1024;

export function formatIssues(issues: ConfigIssue[]): string {
  return issues.map((i) => `prompts/${i.file}${i.path ? ` ${i.path}` : ''}: ${i.message}`).join('\n');
}

function zodPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function parseFile<S extends z.ZodType>(
  files: Record<string, string | undefined>, file: string, schema: S, issues: ConfigIssue[],
): z.output<S> | undefined {
  const text = files[file];
  if (text === undefined) {
    issues.push({ file, path: '', message: 'file is missing; restore it from git or the history (npm run cli -- prompts history)' });
    return undefined;
  }
  if (Buffer.byteLength(text) > MAX_PROMPT_FILE_BYTES) {
    issues.push({ file, path: '', message: `file is ${Buffer.byteLength(text)} bytes; at most ${MAX_PROMPT_FILE_BYTES} are accepted` });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : '';
    const first = err instanceof Error ? err.message.split('\n')[0] : String(err);
    issues.push({ file, path: where, message: `not valid YAML: ${first}` });
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const e of parsed.error.issues) issues.push({ file, path: zodPath(e.path), message: e.message });
    return undefined;
  }
  return parsed.data;
}

function duplicates<T>(items: T[], key: (t: T) => string): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  items.forEach((item, i) => seen.set(key(item), [...(seen.get(key(item)) ?? []), i]));
  return new Map([...seen].filter(([, idx]) => idx.length > 1));
}

/** A rule whose conditions are all implied by an earlier rule's can never match: flag it. */
function shadowedBy(earlier: RoutingRule, later: RoutingRule): boolean {
  const a = earlier.when;
  const b = later.when;
  const covers = (x: string[] | undefined, y: string[] | undefined) =>
    x === undefined || (y !== undefined && y.every((v) => x.map((s) => s.toLowerCase()).includes(v.toLowerCase())));
  return covers(a.category, b.category) && covers(a.kecamatan, b.kecamatan)
    && covers(a.kelurahan, b.kelurahan) && covers(a.keywords_any, b.keywords_any);
}

export function buildPromptConfig(files: Record<string, string | undefined>, areas: AreaDirectory): ConfigResult {
  const issues: ConfigIssue[] = [];
  const city = parseFile(files, PROMPT_FILES.city, citySchema, issues);
  const agencies = parseFile(files, PROMPT_FILES.agencies, agenciesFileSchema, issues)?.agencies;
  const categories = parseFile(files, PROMPT_FILES.categories, categoriesFileSchema, issues)?.categories;
  const rules = parseFile(files, PROMPT_FILES.routing, routingFileSchema, issues)?.rules;
  const replies = parseFile(files, PROMPT_FILES.replies, repliesFileSchema, issues)?.replies;
  const faq = parseFile(files, PROMPT_FILES.faq, faqFileSchema, issues)?.faq;
  const words = parseFile(files, PROMPT_FILES.words, wordsFileSchema, issues);
  const llm = files[PROMPT_FILES.llm];
  if (llm === undefined || llm.trim().length < 20) {
    issues.push({ file: PROMPT_FILES.llm, path: '', message: 'the LLM system prompt is missing or too short' });
  } else if (!llm.includes('{kategori}')) {
    issues.push({ file: PROMPT_FILES.llm, path: '', message: 'must contain {kategori}, where the category list is inserted' });
  }
  const whatsapp = files[PROMPT_FILES.whatsappTemplates] === undefined
    ? undefined
    : parseFile(files, PROMPT_FILES.whatsappTemplates, whatsappTemplatesFileSchema, issues);
  if (!city || !agencies || !categories || !rules || !replies || !faq || !words || llm === undefined) return { ok: false, issues };
  issues.push(...wordConflicts(words));
  if (whatsapp) issues.push(...parseWhatsAppTemplates(whatsapp));

  const agencyCodes = new Set(agencies.map((a) => a.code));
  const agencyList = [...agencyCodes].join(', ');
  for (const [c, idx] of duplicates(agencies, (a) => a.code)) {
    issues.push({ file: PROMPT_FILES.agencies, path: `agencies[${idx[1]}].code`, message: `duplicate agency code "${c}" (also at agencies[${idx[0]}])` });
  }
  if (!agencyCodes.has(city.triage_agency)) {
    issues.push({ file: PROMPT_FILES.city, path: 'triage_agency', message: `unknown agency "${city.triage_agency}"; expected one of ${agencyList}` });
  }
  if (city.area_code !== areas.code) {
    issues.push({ file: PROMPT_FILES.city, path: 'area_code', message: `"${city.area_code}" does not match the loaded area data (${areas.code}); restart after changing the city` });
  }

  const categoryIds = new Set(categories.map((c) => c.id));
  for (const [c, idx] of duplicates(categories, (x) => x.id)) {
    issues.push({ file: PROMPT_FILES.categories, path: `categories[${idx[1]}].id`, message: `duplicate category id "${c}" (also at categories[${idx[0]}])` });
  }
  if (!categoryIds.has('lainnya')) {
    issues.push({ file: PROMPT_FILES.categories, path: 'categories', message: 'the catch-all category "lainnya" is required' });
  }
  categories.forEach((c, i) => {
    if (!agencyCodes.has(c.default_agency)) {
      issues.push({ file: PROMPT_FILES.categories, path: `categories[${i}].default_agency`, message: `unknown agency "${c.default_agency}"; expected one of ${agencyList}` });
    }
  });

  const kecamatanNames = new Set(areas.kecamatan.map((k) => areaKey(k.name)));
  const kelurahanNames = new Set(areas.kelurahan.map((k) => areaKey(k.name)));
  for (const [n, idx] of duplicates(rules, (r) => r.name)) {
    issues.push({ file: PROMPT_FILES.routing, path: `rules[${idx[1]}].name`, message: `duplicate rule name "${n}" (also at rules[${idx[0]}])` });
  }
  rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    r.when.category?.forEach((c, j) => {
      if (!categoryIds.has(c)) issues.push({ file: PROMPT_FILES.routing, path: `${at}.when.category${r.when.category!.length > 1 ? `[${j}]` : ''}`, message: `unknown category "${c}"; expected one of ${[...categoryIds].join(', ')}` });
    });
    r.when.kecamatan?.forEach((k, j) => {
      if (!kecamatanNames.has(areaKey(k))) issues.push({ file: PROMPT_FILES.routing, path: `${at}.when.kecamatan[${j}]`, message: `unknown kecamatan "${k}" in ${areas.name}; expected one of ${areas.kecamatan.map((x) => x.name).join(', ')}` });
    });
    r.when.kelurahan?.forEach((k, j) => {
      if (!kelurahanNames.has(areaKey(k))) issues.push({ file: PROMPT_FILES.routing, path: `${at}.when.kelurahan[${j}]`, message: `unknown kelurahan "${k}" in ${areas.name}` });
    });
    if (r.agency && !agencyCodes.has(r.agency)) {
      issues.push({ file: PROMPT_FILES.routing, path: `${at}.agency`, message: `unknown agency "${r.agency}"; expected one of ${agencyList}` });
    }
    for (let j = 0; j < i; j++) {
      const earlier = rules[j]!;
      if (shadowedBy(earlier, r)) {
        issues.push({ file: PROMPT_FILES.routing, path: `${at}`, message: `rule "${r.name}" can never match: rule "${earlier.name}" (rules[${j}]) matches everything it would; move it above or narrow it` });
        break;
      }
    }
  });

  for (const [key, spec] of Object.entries(REPLY_SPEC)) {
    const text = replies[key];
    if (text === undefined) {
      issues.push({ file: PROMPT_FILES.replies, path: `replies.${key}`, message: `reply is missing; it needs placeholders: ${spec.required.map((p) => `{${p}}`).join(' ') || '(none)'}` });
      continue;
    }
    const used = placeholdersIn(text);
    for (const p of spec.required) {
      if (!used.includes(p)) issues.push({ file: PROMPT_FILES.replies, path: `replies.${key}`, message: `must contain the placeholder {${p}}` });
    }
    const allowed = new Set([...spec.required, ...(spec.optional ?? [])]);
    for (const p of used) {
      if (!allowed.has(p)) issues.push({ file: PROMPT_FILES.replies, path: `replies.${key}`, message: `unknown placeholder {${p}}; this reply can use ${[...allowed].map((x) => `{${x}}`).join(' ') || 'no placeholders'}` });
    }
  }
  const emergencyIds = new Set(categories.filter((c) => c.emergency).map((c) => c.id));
  for (const [key, text] of Object.entries(replies)) {
    const cat = EMERGENCY_REPLY.exec(key)?.[1];
    if (!cat || key in REPLY_SPEC) continue;
    if (!emergencyIds.has(cat)) {
      issues.push({ file: PROMPT_FILES.replies, path: `replies.${key}`, message: `"${cat}" is not an emergency category; emergency_<id> texts exist for ${[...emergencyIds].join(', ') || 'none'}` });
    } else if (!placeholdersIn(text).includes('nomor_darurat')) {
      issues.push({ file: PROMPT_FILES.replies, path: `replies.${key}`, message: 'must contain the placeholder {nomor_darurat}' });
    }
  }
  for (const key of Object.keys(replies)) {
    if (EMERGENCY_REPLY.test(key)) continue;
    if (!(key in REPLY_SPEC)) issues.push({ file: PROMPT_FILES.replies, path: `replies.${key}`, message: 'unknown reply name (a typo?); the bot never sends it' });
  }
  for (const [id, idx] of duplicates(faq, (f) => f.id)) {
    issues.push({ file: PROMPT_FILES.faq, path: `faq[${idx[1]}].id`, message: `duplicate FAQ id "${id}"` });
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    config: {
      city, agencies, categories, rules, replies, faq, words, llmSystemPrompt: llm, hash: hashPromptFiles(files),
      whatsapp: whatsapp ?? whatsappTemplatesFileSchema.parse({}),
    },
  };
}

/** Emergency warnings per category: emergency_kebakaran, emergency_bencana, … (the generic one is "emergency"). */
const EMERGENCY_REPLY = /^emergency_([a-z][a-z0-9_]+)$/;

/** Words that would make one answer mean two things ("ga" both yes and no). */
function wordConflicts(words: Words): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const pairs: [keyof Words, keyof Words][] = [['yes', 'no'], ['resolved', 'unresolved'], ['particles', 'no'], ['particles', 'unresolved'], ['particles', 'cancel']];
  for (const [a, b] of pairs) {
    const left = (words[a] as string[]).map((w) => w.toLowerCase());
    (words[b] as string[]).forEach((w, i) => {
      if (left.includes(w.toLowerCase())) {
        issues.push({ file: PROMPT_FILES.words, path: `${b}[${i}]`, message: `"${w}" is also in ${a}; a word can mean only one answer, remove it from one list` });
      }
    });
  }
  return issues;
}

/** Stable content hash of a set of prompt files (file order does not matter). */
export function hashPromptFiles(files: Record<string, string | undefined>): string {
  const h = createHash('sha256');
  for (const name of Object.keys(files).sort()) h.update(name).update('\0').update(files[name] ?? '').update('\0');
  return h.digest('hex').slice(0, 16);
}
