/**
 * Questions and complaints phrased as questions. An FAQ answer is given only
 * when the message is a question about that entry's topic, and for the office
 * it names ("jam buka dukcapil" gets Dukcapil's hours, not SuaraWarga's). A
 * complaint that ends in a question ("…minta uang seragam 750rb, bukannya
 * gratis ya?") is a complaint.
 */
import type { PromptConfig } from '../config/schema.js';
import { squeeze } from './words.js';

/** Words of a complaint: a demand, a failure, a wrong. A question asking how or when does not have them. */
const COMPLAINT_MARKS = new Set(['minta', 'dimintai', 'diminta', 'disuruh', 'pungut', 'pungutan', 'pungli', 'wajib', 'diwajibkan', 'rusak', 'mati', 'padam',
  'numpuk', 'menumpuk', 'bocor', 'macet', 'mampet', 'banjir', 'tidak', 'tdk', 'gak', 'ga', 'nggak', 'belum', 'blm', 'masih', 'sudah', 'udah', 'udh', 'kok',
  'masa', 'parah', 'tolong', 'dipersulit', 'lama', 'berhari', 'seminggu', 'sebulan', 'bulan', 'hari', 'minggu', 'ditolak', 'dibayar', 'bayar', 'rb', 'ribu', 'juta']);
const QUESTION_STARTS = /^(syarat|cara|gimana cara|bagaimana cara|jam|kapan|dimana|di mana|nomor|no|berapa|apa|apakah|bisa|boleh|info)\b/;

/** How strongly a message's keywords point to one category (summed weights; the label counts 3). */
export function keywordScore(cfg: PromptConfig, category: string, text: string): number {
  const c = cfg.categories.find((x) => x.id === category);
  if (!c) return 0;
  const s = ` ${squeeze(text)} `;
  let score = s.includes(` ${squeeze(c.label)} `) ? 3 : 0;
  for (const [k, weight] of Object.entries(c.keywords)) if (s.includes(` ${squeeze(k)} `)) score += weight;
  return score;
}

/** The category a message's keywords point to, with their summed weight. */
export function keywordCategory(cfg: PromptConfig, text: string): { category: string; score: number } | undefined {
  const s = ` ${squeeze(text)} `;
  let best: { category: string; score: number } | undefined;
  for (const c of cfg.categories) {
    if (c.id === 'lainnya') continue;
    let score = 0;
    for (const [k, weight] of Object.entries(c.keywords)) if (s.includes(` ${squeeze(k)} `)) score += weight;
    if (s.includes(` ${squeeze(c.label)} `)) score += 3;
    if (score > 0 && (!best || score > best.score)) best = { category: c.id, score };
  }
  return best;
}

/**
 * A message the classifier read as a question that is really a complaint: it names
 * a category strongly, says what is wrong, and does not open like a question.
 */
export function complaintInQuestion(cfg: PromptConfig, text: string): { category: string; confidence: number } | undefined {
  const s = squeeze(text);
  const words = s.split(' ');
  const hit = keywordCategory(cfg, text);
  if (!hit || hit.score < 3) return undefined;
  const marks = words.filter((w) => COMPLAINT_MARKS.has(w)).length;
  if (QUESTION_STARTS.test(s) && words.length < 10) return undefined;
  if (words.length < 8 || marks === 0) return undefined;
  return { category: hit.category, confidence: Math.min(0.9, 0.5 + hit.score / 12) };
}

/** The FAQ answer for a question, or undefined when no entry is about what was asked. */
export function faqAnswer(cfg: PromptConfig, text: string, normalized: string): string | undefined {
  const words = ` ${squeeze(normalized || text)} ${squeeze(text)} `;
  // Offices are named by an FAQ entry's office word or by an agency's code or name ("dlh", "dinas lingkungan hidup").
  const offices = cfg.faq.map((f) => f.office).filter((o): o is string => !!o).map(squeeze);
  const named = offices.filter((o) => words.includes(` ${o} `));
  for (const a of cfg.agencies) {
    if (words.includes(` ${squeeze(a.code)} `) || words.includes(` ${squeeze(a.name)} `)) named.push(squeeze(a.code));
  }
  let best: { answer: string; score: number } | undefined;
  for (const f of cfg.faq) {
    const office = f.office ? squeeze(f.office) : undefined;
    // A question naming an office gets only that office's entries; one naming none prefers the general entries.
    if (named.length > 0 && (!office || !named.includes(office))) continue;
    const matched = f.keywords.reduce((sum, k) => (words.includes(` ${squeeze(k)} `) ? sum + k.length : sum), 0);
    const score = named.length === 0 && office ? matched - 0.5 : matched;
    if (score > 0 && (!best || score > best.score)) best = { answer: f.answer, score };
  }
  return best?.answer;
}
