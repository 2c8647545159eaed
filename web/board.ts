/**
 * The board's data: parse filters from a query string, list tickets overdue
 * first then newest, and summarise each one without any citizen identity
 * (phone-like numbers in the text are masked too).
 */
import type { PromptConfig } from '../core/config/schema.js';
import { agencyName, categoryLabel } from '../core/config/texts.js';
import type { TicketRepo } from '../core/ports.js';
import { OPEN_STATES, TICKET_STATES, type Ticket, type TicketFilter, type TicketState } from '../core/tickets/types.js';
import { redactPhones } from './html.js';
import type { BoardQueries } from './ports.js';
import { overdueHours } from './sla-view.js';

export interface BoardFilter {
  agency?: string;
  category?: string;
  kecamatan?: string;
  /** 'open' (default), 'all', or one state. */
  state: 'open' | 'all' | TicketState;
  /** YYYY-MM-DD, inclusive, in the city's time zone. */
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** A date typed the Indonesian way (31-12-2026, 31/12/2026) or as ISO, as YYYY-MM-DD; undefined when it is not a real date. */
export function isoDate(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const t = v.trim();
  const m = ID_DATE.exec(t);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : DATE.test(t) ? t : undefined;
  if (!iso) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** YYYY-MM-DD shown as DD-MM-YYYY. */
export const indonesianDate = (iso: string | undefined): string => (iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : '');

export function parseFilter(q: Record<string, string | undefined>): BoardFilter {
  const pick = (v: string | undefined, max = 80) => (v && v.trim() && v.length <= max ? v.trim() : undefined);
  const state = q.state && (q.state === 'all' || (TICKET_STATES as readonly string[]).includes(q.state)) ? (q.state as BoardFilter['state']) : 'open';
  const f: BoardFilter = { state };
  const agency = pick(q.agency); if (agency) f.agency = agency;
  const category = pick(q.category); if (category) f.category = category;
  const kecamatan = pick(q.kecamatan); if (kecamatan) f.kecamatan = kecamatan;
  const from = isoDate(q.from); if (from) f.from = from;
  const to = isoDate(q.to); if (to) f.to = to;
  return f;
}

export function filterQuery(f: BoardFilter): string {
  const p = new URLSearchParams();
  for (const k of ['agency', 'category', 'kecamatan', 'from', 'to'] as const) if (f[k]) p.set(k, f[k]!);
  if (f.state !== 'open') p.set('state', f.state);
  return p.toString();
}

/** Local midnight of a YYYY-MM-DD date as an ISO instant. */
function localDayStart(date: string, offsetHours: number, plusDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - offsetHours * 3_600_000 + plusDays * 86_400_000).toISOString();
}

export function toTicketFilter(f: BoardFilter, cfg: PromptConfig, limit = 500): TicketFilter {
  const tf: TicketFilter = { limit };
  if (f.state === 'open') tf.states = OPEN_STATES;
  else if (f.state !== 'all') tf.states = [f.state];
  if (f.agency) tf.agency = f.agency;
  if (f.category) tf.category = f.category;
  if (f.kecamatan) tf.kecamatan = f.kecamatan;
  if (f.from) tf.since = localDayStart(f.from, cfg.city.timezone_offset_hours);
  if (f.to) tf.until = localDayStart(f.to, cfg.city.timezone_offset_hours, 1);
  return tf;
}

export interface TicketSummary {
  id: number;
  number: string;
  state: TicketState;
  agency: string;
  agencyName: string;
  category: string;
  categoryLabel: string;
  kecamatan: string | null;
  kelurahan: string | null;
  locationText: string | null;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Hours past the service level (> 0 overdue), null when no clock runs. */
  overdueHours: number | null;
  overdue: boolean;
  emergency: boolean;
  confidential: boolean;
  escalationLevel: number;
  latitude: number | null;
  longitude: number | null;
}

export function summarize(t: Ticket, cfg: PromptConfig, now: Date): TicketSummary {
  const h = overdueHours(cfg, t, now);
  return {
    id: t.id, number: t.number, state: t.state, agency: t.agency, agencyName: agencyName(cfg, t.agency),
    category: t.category, categoryLabel: categoryLabel(cfg, t.category), kecamatan: t.kecamatan, kelurahan: t.kelurahan,
    locationText: t.locationText ? redactPhones(t.locationText) : null,
    description: redactPhones(t.description).slice(0, 280), createdAt: t.createdAt, updatedAt: t.updatedAt,
    overdueHours: h === null ? null : Math.round(h * 10) / 10, overdue: h !== null && h > 0,
    emergency: t.emergency, confidential: t.confidential, escalationLevel: t.escalationLevel,
    latitude: t.latitude, longitude: t.longitude,
  };
}

/** Overdue first (most overdue on top), then newest. */
export function boardOrder(a: TicketSummary, b: TicketSummary): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.overdue && b.overdue && a.overdueHours !== b.overdueHours) return (b.overdueHours ?? 0) - (a.overdueHours ?? 0);
  return b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
}

export async function listBoard(repo: TicketRepo, f: BoardFilter, cfg: PromptConfig, now: Date): Promise<TicketSummary[]> {
  return (await repo.list(toTicketFilter(f, cfg))).map((t) => summarize(t, cfg, now)).sort(boardOrder);
}

/** The city's kecamatan plus any name tickets were filed under, once each (case-insensitive), sorted. */
export async function kecamatanOptions(board: BoardQueries, areaNames: string[]): Promise<string[]> {
  const used = await board.usedKecamatan();
  const seen = new Map<string, string>();
  for (const n of [...areaNames, ...used]) if (!seen.has(n.toLowerCase())) seen.set(n.toLowerCase(), n);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
