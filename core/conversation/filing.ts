/**
 * Filing a complaint: start a draft from the first message, ask only for what
 * is missing and helps for its category (prompts/categories.yaml `place` and
 * `photo`), offer a nearby open ticket instead, show the summary (with what
 * will be public), and file it within the citizen's limits. Emergencies are
 * filed at once (core/conversation/emergency.ts).
 */
import { firstFound } from '../first-found.js';
import type { Choice } from '../ports.js';
import { areaKey } from '../config/area.js';
import { agencyName, categoryLabel, localTime, reply } from '../config/texts.js';
import { routeComplaint } from '../routing/router.js';
import { findDuplicate } from '../routing/duplicates.js';
import type { Ticket } from '../tickets/types.js';
import { attachExtras, categoryOf, newDraft } from './draft.js';
import { fileEmergency } from './emergency.js';
import { ask, reset, say, type EngineContext, type Turn } from './turn.js';
import type { Draft } from './types.js';

/** Longest description kept; the rest is cut (and the citizen told). */
export const MAX_TEXT_CHARS = 4000;

/** A new complaint from this message (text, pin, photo); a draft already open is replaced by the caller. */
export async function startComplaint(ctx: EngineContext, turn: Turn, opts: { description?: string; category?: string; confidence?: number } = {}): Promise<void> {
  const draft = newDraft(turn, opts.description ?? turn.text);
  if (opts.category) {
    draft.category = opts.category;
    draft.confidence = opts.confidence ?? 1;
  }
  attachExtras(turn, draft);
  turn.state.data = { draft };
  if (!categoryOf(turn, draft.category)?.emergency && (await limitReached(ctx, turn))) return;
  await continueDraft(ctx, turn);
}

/**
 * When the citizen may file again, or undefined when they may now. Emergencies
 * are never limited, so they are not counted either.
 */
async function nextAllowed(ctx: EngineContext, turn: Turn): Promise<Date | undefined> {
  const { tickets_per_hour: perHour, tickets_per_day: perDay } = turn.cfg.city.limits;
  const now = new Date(turn.now).getTime();
  const day = (await ctx.store.tickets.list({ citizenId: turn.citizen.id, since: new Date(now - 86_400_000).toISOString() }))
    .filter((t) => t.citizenId === turn.citizen.id && !t.emergency)
    .map((t) => new Date(t.createdAt).getTime()).sort((a, b) => a - b);
  const hour = day.filter((at) => at >= now - 3_600_000);
  const waits: number[] = [];
  if (hour.length >= perHour) waits.push(hour[hour.length - perHour]! + 3_600_000);
  if (day.length >= perDay) waits.push(day[day.length - perDay]! + 86_400_000);
  return waits.length ? new Date(Math.max(...waits)) : undefined;
}

/** Tells the citizen politely when they may report again and drops the draft; true when the limit is reached. */
export async function limitReached(ctx: EngineContext, turn: Turn): Promise<boolean> {
  const until = await nextAllowed(ctx, turn);
  if (!until) return false;
  reset(turn);
  say(turn, 'limit_reached', { waktu: localTime(turn.cfg, until.toISOString()) });
  return true;
}

/** Asks for the next missing piece, or for confirmation when nothing is missing. */
export async function continueDraft(ctx: EngineContext, turn: Turn, prefix?: string): Promise<void> {
  const draft = turn.state.data.draft!;
  const cfg = turn.cfg;
  if (!draft.description) return ask(turn, 'description', draft.location ? 'ask_description_place' : 'ask_description', { lokasi: draft.location?.text }, undefined, prefix);
  const cat = categoryOf(turn, draft.category);
  if (!cat || draft.confidence < cfg.city.min_confidence) {
    const options = categoryOptions(turn, draft);
    return ask(turn, 'category', 'ask_category', {}, options, prefix);
  }
  if (cat.emergency) return fileEmergency(ctx, turn, draft);
  if (!draft.location && cat.place === 'required') return ask(turn, 'location', 'ask_location', { kategori: cat.label }, undefined, prefix);
  if (!draft.location && cat.place === 'optional' && !draft.placeAsked) {
    draft.placeAsked = true;
    return ask(turn, 'location', 'ask_location_optional', { kategori: cat.label }, undefined, prefix);
  }
  if (cat.photo && !draft.photoAsked && draft.photos.length === 0) {
    draft.photoAsked = true;
    return draft.location
      ? ask(turn, 'photo', 'ask_photo', { lokasi: draft.location.text }, undefined, prefix)
      : ask(turn, 'photo', 'ask_photo_no_place', {}, undefined, prefix);
  }
  if (!draft.duplicateChecked) {
    draft.duplicateChecked = true;
    const dup = await findDuplicate(ctx.store, cfg, ctx.clock.now(), draft, turn.citizen.id, draft.declined ?? []);
    if (dup) {
      turn.state.data.duplicateOf = dup.id;
      return ask(turn, 'duplicate', 'duplicate_found', {
        nomor: dup.number, kategori: categoryLabel(cfg, dup.category), lokasi: dup.locationText, status: dup.state,
        pendukung: (await ctx.store.tickets.supporters(dup.id)).length + 1,
      }, [
        { id: `dukung:${dup.id}`, label: reply(cfg, 'duplicate_support', { nomor: dup.number }) },
        { id: 'baru', label: reply(cfg, 'duplicate_new') },
      ], prefix);
    }
  }
  showSummary(turn, draft, prefix);
}

/** The line of the summary that says what of the report will be public. */
function publicLine(turn: Turn, draft: Draft): string {
  if (draft.confidential) return reply(turn.cfg, 'public_confidential');
  return reply(turn.cfg, categoryOf(turn, draft.category)?.public === false ? 'public_category_private' : 'public_redacted');
}

/** Asks to confirm the draft, with the line saying what will be public. */
export function showSummary(turn: Turn, draft: Draft, prefix?: string): void {
  const cfg = turn.cfg;
  ask(turn, 'confirm', 'confirm_summary', {
    kategori: categoryLabel(cfg, draft.category ?? 'lainnya'),
    lokasi: draft.location?.text,
    keterangan: draft.description.length > 300 ? `${draft.description.slice(0, 300)}…` : draft.description,
    foto: draft.photos.length ? `${draft.photos.length} foto` : '-',
    publik: publicLine(turn, draft),
  }, [
    { id: 'ya', label: reply(cfg, 'confirm_yes') },
    { id: 'tidak', label: reply(cfg, 'confirm_no') },
  ], prefix);
}

/** A short list to pick a category from: the classifier's best guesses first, then others, "lainnya" last. */
export function categoryOptions(turn: Turn, draft: Draft, exclude?: string): Choice[] {
  const cfg = turn.cfg;
  const known = (id: string) => id !== 'lainnya' && id !== exclude && cfg.categories.some((c) => c.id === id);
  const ids = draft.alternatives.map((a) => a.category).filter(known);
  if (draft.category && known(draft.category) && !ids.includes(draft.category)) ids.unshift(draft.category);
  const top = [...new Set(ids)].slice(0, 4);
  if (top.length < 3) {
    for (const c of cfg.categories) if (known(c.id) && !top.includes(c.id) && top.length < 6) top.push(c.id);
  }
  return [...top, 'lainnya'].map((id) => ({ id: `kategori:${id}`, label: categoryLabel(cfg, id) }));
}

function kecamatanOf(ctx: EngineContext, kelurahan: string | null): string | null {
  if (!kelurahan || !ctx.areas) return null;
  const kel = ctx.areas.kelurahan.find((k) => areaKey(k.name) === areaKey(kelurahan));
  return ctx.areas.kecamatan.find((k) => k.code === kel?.kecamatanCode)?.name ?? null;
}

/**
 * Routes and stores the draft as a ticket. Returns it, or undefined when a routing
 * rule refused it (the citizen is told why).
 */
export async function fileTicket(ctx: EngineContext, turn: Turn, draft: Draft): Promise<{ ticket: Ticket; triage: boolean; trusted?: { rt: string | null; rw: string | null; kelurahan: string | null } } | undefined> {
  const { store, tickets } = ctx;
  const cfg = turn.cfg;
  const category = draft.category && cfg.categories.some((c) => c.id === draft.category) ? draft.category : 'lainnya';
  const trusted = (await store.trustedReporters.find(turn.msg.channel, turn.citizen.address))
    ?? (await firstFound(turn.msg.sender.aliases ?? [], (a) => store.trustedReporters.find(turn.msg.channel, a)));
  const loc = draft.location;
  const kelurahan = loc?.kelurahan ?? trusted?.kelurahan ?? null;
  const kecamatan = loc?.kecamatan ?? trusted?.kecamatan ?? kecamatanOf(ctx, kelurahan);
  const decision = routeComplaint(cfg, { category, confidence: draft.confidence, text: draft.description, kelurahan, kecamatan });
  if (decision.kind === 'reject') {
    reset(turn);
    say(turn, 'rejected_by_rule', { alasan: decision.message });
    return undefined;
  }
  const emergency = cfg.categories.find((c) => c.id === category)?.emergency ?? false;
  const ticket = await tickets.file({
    citizenId: turn.citizen.id, channel: turn.msg.channel, category, agency: decision.agency,
    description: draft.description.slice(0, MAX_TEXT_CHARS), locationText: loc?.text ?? null, kelurahan, kecamatan,
    rt: loc?.rt ?? trusted?.rt ?? null, rw: loc?.rw ?? trusted?.rw ?? null,
    latitude: loc?.latitude ?? null, longitude: loc?.longitude ?? null, confidence: draft.confidence, emergency,
    confidential: draft.confidential, trustedReporter: trusted ? `${trusted.name} (Ketua RT ${trusted.rt ?? '-'}/RW ${trusted.rw ?? '-'})` : null,
    routeRule: decision.rule, triage: decision.triage, photos: draft.photos,
  }, { type: 'citizen', id: String(turn.citizen.id) });
  turn.ticket = ticket;
  return { ticket, triage: decision.triage, ...(trusted ? { trusted } : {}) };
}

/** What the citizen is told after filing: the number, who handles it, confidentiality, and whether updates will come. */
export function filedLines(turn: Turn, ticket: Ticket, triage: boolean): string {
  const cfg = turn.cfg;
  const lines = [triage
    ? reply(cfg, 'filed_triage', { nomor: ticket.number })
    : reply(cfg, 'filed', { nomor: ticket.number, kategori: categoryLabel(cfg, ticket.category), dinas: agencyName(cfg, ticket.agency) })];
  if (ticket.confidential) lines.push(reply(cfg, 'filed_confidential'));
  lines.push(reply(cfg, turn.citizen.muted ? 'filed_updates_muted' : 'filed_updates'));
  return lines.join('\n');
}

/** Files a confirmed draft within the citizen's limits and tells them the number. */
export async function fileDraft(ctx: EngineContext, turn: Turn, draft: Draft): Promise<void> {
  if (await limitReached(ctx, turn)) return;
  const filed = await fileTicket(ctx, turn, draft);
  if (!filed) return;
  reset(turn);
  turn.replies.push({ text: filedLines(turn, filed.ticket, filed.triage) });
  if (filed.trusted) say(turn, 'filed_trusted', { rt: filed.trusted.rt, rw: filed.trusted.rw, kelurahan: filed.trusted.kelurahan });
}
