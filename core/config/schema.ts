/**
 * Shape of everything admins may edit in prompts/. Parsed with zod, then
 * cross-checked (core/config/validate.ts) so a bad edit is refused with the
 * file, the path inside it and what was expected.
 */
import { z } from 'zod';

const code = z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/, 'an agency code in capitals, e.g. DLH or PUPR');
const categoryId = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a category id in lower case, e.g. jalan_rusak');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM, e.g. 08:00');
const isoDate = z.union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'));

export const citySchema = z.object({
  name: z.string().min(2),
  area_code: z.string().regex(/^\d{2}\.\d{2}$/, 'a Kemendagri kota/kabupaten code such as "52.72" (quoted)'),
  ticket_prefix: z.string().regex(/^[A-Z]{2,5}$/, '2 to 5 capital letters, e.g. BM'),
  emergency_number: z.string().min(2),
  triage_agency: code,
  timezone_offset_hours: z.number().min(-12).max(14).default(8),
  working_hours: z.object({
    days: z.array(z.number().int().min(1).max(7)).min(1),
    start: hhmm,
    end: hhmm,
  }).strict(),
  holidays: z.array(isoDate).default([]),
  min_confidence: z.number().min(0).max(1).default(0.45),
  triage_below_confidence: z.number().min(0).max(1).default(0.6),
  duplicates: z.object({
    days: z.number().int().min(0).max(365).default(14),
    radius_m: z.number().min(0).max(5000).default(150),
  }).strict().default({ days: 14, radius_m: 150 }),
  /** New tickets one citizen may file; emergencies always pass. */
  limits: z.object({
    tickets_per_hour: z.number().int().min(1).max(1000).default(5),
    tickets_per_day: z.number().int().min(1).max(10000).default(20),
  }).strict().refine((l) => l.tickets_per_day >= l.tickets_per_hour, { message: 'tickets_per_day must be at least tickets_per_hour' })
    .default({ tickets_per_hour: 5, tickets_per_day: 20 }),
  feedback: z.object({
    close_after_days: z.number().int().min(1).max(60).default(3),
    escalate_after_reopens: z.number().int().min(1).max(10).default(2),
  }).strict().default({ close_after_days: 3, escalate_after_reopens: 2 }),
  /**
   * What Open311 and public pages show of a ticket's text: `redacted` (phones,
   * NIK, e-mail, house numbers and names hidden) or `none` (category, place and
   * status only). Categories with `public: false` and rahasia tickets are never shown.
   */
  publish: z.object({
    descriptions: z.enum(['redacted', 'none'], { message: 'redacted (the text with personal data hidden) or none (no text at all)' }).default('redacted'),
  }).strict().default({ descriptions: 'redacted' }),
}).strict();

export const agencySchema = z.object({
  code,
  name: z.string().min(3),
  telegram_chats: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  sla: z.object({
    take_hours: z.number().positive().max(2000),
    resolve_hours: z.number().positive().max(5000),
  }).strict(),
}).strict();

export const agenciesFileSchema = z.object({ agencies: z.array(agencySchema).min(1) }).strict();

export const categorySchema = z.object({
  id: categoryId,
  label: z.string().min(2),
  description: z.string().min(2),
  default_agency: code,
  emergency: z.boolean().default(false),
  /**
   * Whether the bot asks for a place: `required` (a street problem), `optional`
   * (asked once, "lewati" accepted: a school, a puskesmas) or `none` (KTP, bansos:
   * never asked).
   */
  place: z.enum(['required', 'optional', 'none']).default('required'),
  /** Whether the bot offers to attach a photo (it helps for a pothole, not for a KTP). */
  photo: z.boolean().default(true),
  /**
   * Whether tickets of this category may appear, redacted, on public pages and
   * Open311. Health, social-aid and civil-registry complaints stay private.
   */
  public: z.boolean().default(true),
  keywords: z.record(z.string().min(2), z.number().positive().max(10)).default({}),
  sla: z.object({
    take_hours: z.number().positive().max(2000).optional(),
    resolve_hours: z.number().positive().max(5000).optional(),
  }).strict().optional(),
}).strict();

export const categoriesFileSchema = z.object({ categories: z.array(categorySchema).min(1) }).strict();

const oneOrMany = z.union([categoryId, z.array(categoryId).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const ruleSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'a rule name in lower case with dashes'),
  when: z.object({
    category: oneOrMany.optional(),
    kecamatan: z.array(z.string().min(2)).min(1).optional(),
    kelurahan: z.array(z.string().min(2)).min(1).optional(),
    keywords_any: z.array(z.string().min(2)).min(1).optional(),
  }).strict(),
  agency: code.optional(),
  reject: z.string().min(10).optional(),
  triage: z.literal(true).optional(),
}).strict().refine((r) => [r.agency, r.reject, r.triage].filter((x) => x !== undefined).length === 1, {
  message: 'a rule does exactly one thing: set one of agency, reject or triage',
});

export const routingFileSchema = z.object({ rules: z.array(ruleSchema).default([]) }).strict();

export const repliesFileSchema = z.object({ replies: z.record(z.string(), z.string().min(1)) }).strict();

export const faqFileSchema = z.object({
  faq: z.array(z.object({
    id: z.string().regex(/^[a-z0-9_]{2,40}$/, 'an id in lower case with underscores'),
    keywords: z.array(z.string().min(2)).min(1),
    /**
     * The office the entry is about ("dukcapil"): a question naming an office gets
     * only that office's entries; an entry without one answers only when no office is named.
     */
    office: z.string().min(2).optional(),
    answer: z.string().min(10),
  }).strict()),
}).strict();

const phrase = z.string().trim().min(1).max(60).regex(/^[\p{L}\p{N} ]+$/u, 'letters, digits and spaces only, as citizens type it (no punctuation)');
const phrases = z.array(phrase).min(1);

/**
 * prompts/words.yaml: the answer vocabulary (yes, no, skip, cancel, resolved,
 * ratings, corrections). Matching rules are in core/conversation/words.ts and
 * docs/conversation.md.
 */
export const wordsFileSchema = z.object({
  particles: z.array(phrase).default([]),
  yes: phrases,
  no: phrases,
  skip: phrases,
  cancel: phrases,
  resolved: phrases,
  unresolved: phrases,
  numbers: z.record(z.string().regex(/^\p{L}+$/u, 'a number word such as "empat"'), z.number().int().min(1).max(20)).default({}),
  number_words: z.array(phrase).default([]),
  corrections: z.object({ place: phrases, category: phrases, detail: z.array(phrase).default([]) }).strict(),
  new_report: phrases,
  /** "I don't know" ("gak tau", "lupa nama jalannya"): at the place question, not a place. */
  unknown: z.array(phrase).default([]),
}).strict();

/**
 * prompts/whatsapp-templates.yaml: the approved WhatsApp utility templates that
 * carry status updates once the citizen's 24-hour window has closed. Keyed by
 * the reply name the update uses (update_selesai, feedback_ask, …); each entry
 * names the template as approved by Meta and which of the update's facts fill
 * its {{1}}, {{2}}, … in order. `example` is the body to submit to Meta.
 */
export const whatsappTemplateSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'the template name exactly as approved in WhatsApp Manager (lower case, digits, underscores)'),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a WhatsApp language code such as id or en_US').optional(),
  parameters: z.array(z.string().regex(/^[a-z_]{2,30}$/, 'a placeholder name of the reply, e.g. nomor')).max(10).default([]),
  /** `choices`: the template has quick-reply buttons that carry the update's choices (Sudah beres / Belum). */
  buttons: z.literal('choices').optional(),
  example: z.string().min(10).max(1024),
}).strict();

export const whatsappTemplatesFileSchema = z.object({
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a WhatsApp language code such as id').default('id'),
  /** Text of the button that opens a list of choices (WhatsApp allows at most 20 characters). */
  list_button: z.string().min(1).max(20, 'WhatsApp allows at most 20 characters on the list button').default('Pilih'),
  templates: z.record(z.string(), whatsappTemplateSchema).default({}),
}).strict();

export type WhatsAppTemplate = z.infer<typeof whatsappTemplateSchema>;
export type WhatsAppSettings = z.infer<typeof whatsappTemplatesFileSchema>;

export type CitySettings = z.infer<typeof citySchema>;
export type Agency = z.infer<typeof agencySchema>;
export type Category = z.infer<typeof categorySchema>;
export type RoutingRule = z.infer<typeof ruleSchema>;
export type FaqEntry = z.infer<typeof faqFileSchema>['faq'][number];
export type Words = z.infer<typeof wordsFileSchema>;

/** The whole validated configuration, swapped in atomically on every good edit. */
export interface PromptConfig {
  city: CitySettings;
  agencies: Agency[];
  categories: Category[];
  rules: RoutingRule[];
  replies: Record<string, string>;
  faq: FaqEntry[];
  /** The answer vocabulary citizens use (prompts/words.yaml). */
  words: Words;
  llmSystemPrompt: string;
  /** WhatsApp templates and list button (prompts/whatsapp-templates.yaml; empty when the file is absent). */
  whatsapp?: WhatsAppSettings;
  /** Content hash of the files it was built from. */
  hash: string;
}

/** File names in prompts/ and the part of the configuration each holds. */
export const PROMPT_FILES = {
  city: 'city.yaml',
  agencies: 'agencies.yaml',
  categories: 'categories.yaml',
  routing: 'routing.yaml',
  replies: 'replies.yaml',
  faq: 'faq.yaml',
  words: 'words.yaml',
  llm: 'llm-system.md',
  whatsappTemplates: 'whatsapp-templates.yaml',
} as const;
