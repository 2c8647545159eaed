/**
 * Command-centre statistics, from the board queries port (read-only):
 * per agency and per category — received, open, overdue, median hours to take
 * and to resolve, share resolved within the service level, average rating —
 * and a weekly trend. Pure arithmetic lives in computeStats for unit tests.
 */
import type { PromptConfig } from '../core/config/schema.js';
import { OPEN_STATES } from '../core/tickets/types.js';
import type { TicketRepo } from '../core/ports.js';
import type { BoardQueries, StatTicket } from './ports.js';
import { isOverdue, resolvedInTime, serviceHoursBetween } from './sla-view.js';

export type { StatTicket } from './ports.js';

export interface StatRow {
  key: string;
  label: string;
  received: number;
  open: number;
  overdue: number;
  medianTakeHours: number | null;
  medianResolveHours: number | null;
  /** 0..1, of the tickets received in the period that were resolved. */
  resolvedWithinSla: number | null;
  avgRating: number | null;
  /** Tickets received in the period that were resolved. */
  resolved: number;
  /** How many citizens rated. */
  ratings: number;
}

export interface Stats {
  from: string;
  to: string;
  total: StatRow;
  byAgency: StatRow[];
  byCategory: StatRow[];
  trend: { weekStart: string; received: number; resolved: number }[];
}

const DAY = 86_400_000;

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function row(key: string, label: string, tickets: StatTicket[], cfg: PromptConfig, now: Date, fromMs: number, overdueIds: ReadonlySet<number>): StatRow {
  const inPeriod = tickets.filter((t) => Date.parse(t.createdAt) >= fromMs && Date.parse(t.createdAt) <= now.getTime());
  const open = tickets.filter((t) => OPEN_STATES.includes(t.state));
  const take = inPeriod.map((t) => serviceHoursBetween(cfg, t, t.forwardedAt ?? t.createdAt, t.takenAt)).filter((h): h is number => h !== null);
  const resolve = inPeriod.map((t) => serviceHoursBetween(cfg, t, t.createdAt, t.resolvedAt)).filter((h): h is number => h !== null);
  const resolved = inPeriod.filter((t) => t.resolvedAt);
  const inTime = resolved.filter((t) => resolvedInTime(cfg, t) === true);
  const ratings = inPeriod.map((t) => t.rating).filter((r): r is number => r !== null);
  return {
    key, label,
    received: inPeriod.length,
    open: open.length,
    overdue: open.filter((t) => overdueIds.has(t.id)).length,
    medianTakeHours: round1(median(take)),
    medianResolveHours: round1(median(resolve)),
    resolvedWithinSla: resolved.length ? Math.round((inTime.length / resolved.length) * 1000) / 1000 : null,
    avgRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
    resolved: resolved.length,
    ratings: ratings.length,
  };
}

/** `overdueIds`: the open tickets past their deadline now (from core/sla, which needs the full ticket). */
export function computeStats(tickets: StatTicket[], overdueIds: ReadonlySet<number>, cfg: PromptConfig, now: Date, opts: { days?: number; weeks?: number } = {}): Stats {
  const days = opts.days ?? 30;
  const weeks = opts.weeks ?? 8;
  const fromMs = now.getTime() - days * DAY;
  const group = (key: (t: StatTicket) => string) => {
    const m = new Map<string, StatTicket[]>();
    for (const t of tickets) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
    return m;
  };
  const byAgencyMap = group((t) => t.agency);
  const byCategoryMap = group((t) => t.category);
  const agencyKeys = [...new Set([...cfg.agencies.map((a) => a.code), ...byAgencyMap.keys()])];
  const categoryKeys = [...new Set([...cfg.categories.map((c) => c.id), ...byCategoryMap.keys()])];
  const trend = Array.from({ length: weeks }, (_, i) => {
    const start = now.getTime() - (weeks - i) * 7 * DAY;
    const end = start + 7 * DAY;
    const within = (iso: string | null) => iso !== null && Date.parse(iso) >= start && Date.parse(iso) < end;
    return {
      weekStart: new Date(start).toISOString().slice(0, 10),
      received: tickets.filter((t) => within(t.createdAt)).length,
      resolved: tickets.filter((t) => within(t.resolvedAt)).length,
    };
  });
  return {
    from: new Date(fromMs).toISOString(),
    to: now.toISOString(),
    total: row('*', 'Semua', tickets, cfg, now, fromMs, overdueIds),
    byAgency: agencyKeys.map((k) => row(k, cfg.agencies.find((a) => a.code === k)?.name ?? k, byAgencyMap.get(k) ?? [], cfg, now, fromMs, overdueIds)),
    byCategory: categoryKeys.map((k) => row(k, cfg.categories.find((c) => c.id === k)?.label ?? k, byCategoryMap.get(k) ?? [], cfg, now, fromMs, overdueIds)),
    trend,
  };
}

export async function statsFor(board: BoardQueries, repo: TicketRepo, cfg: PromptConfig, now: Date, opts: { days?: number; weeks?: number } = {}): Promise<Stats> {
  const days = opts.days ?? 30;
  const weeks = opts.weeks ?? 8;
  const since = new Date(now.getTime() - Math.max(days, weeks * 7) * DAY).toISOString();
  const overdue = await overdueIdsOf(repo, cfg, now);
  return computeStats(await board.statTickets(since), overdue, cfg, now, { days, weeks });
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // A spreadsheet must not run a formula from a label.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statsCsv(stats: Stats): string {
  const header = ['group', 'key', 'label', 'received', 'open', 'overdue', 'median_take_hours', 'median_resolve_hours', 'resolved_within_sla_pct', 'avg_rating', 'resolved'];
  const lines = [header.join(',')];
  const add = (group: string, r: StatRow) => lines.push([
    group, r.key, r.label, r.received, r.open, r.overdue, r.medianTakeHours, r.medianResolveHours,
    r.resolvedWithinSla === null ? null : Math.round(r.resolvedWithinSla * 1000) / 10, r.avgRating, null,
  ].map(csvCell).join(','));
  add('total', stats.total);
  for (const r of stats.byAgency) add('agency', r);
  for (const r of stats.byCategory) add('category', r);
  for (const w of stats.trend) lines.push(['week', w.weekStart, '', w.received, null, null, null, null, null, null, w.resolved].map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Received and resolved per calendar month (city time), oldest first, for the last `months` months. */
export function monthlyTrend(tickets: StatTicket[], cfg: PromptConfig, now: Date, months = 12): { month: string; received: number; resolved: number }[] {
  const offset = cfg.city.timezone_offset_hours * 3_600_000;
  const monthOf = (iso: string) => new Date(Date.parse(iso) + offset).toISOString().slice(0, 7);
  const local = new Date(now.getTime() + offset);
  const keys = Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - (months - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
  return keys.map((month) => ({
    month,
    received: tickets.filter((t) => monthOf(t.createdAt) === month).length,
    resolved: tickets.filter((t) => t.resolvedAt !== null && monthOf(t.resolvedAt) === month).length,
  }));
}

/** Today's figures per agency for the wall screen: open, overdue and resolved since local midnight. */
export function todayByAgency(tickets: StatTicket[], overdueIds: ReadonlySet<number>, cfg: PromptConfig, now: Date): { agency: string; open: number; overdue: number; resolvedToday: number }[] {
  const offset = cfg.city.timezone_offset_hours * 3_600_000;
  const midnight = Math.floor((now.getTime() + offset) / DAY) * DAY - offset;
  return cfg.agencies.map((a) => {
    const mine = tickets.filter((t) => t.agency === a.code);
    const open = mine.filter((t) => OPEN_STATES.includes(t.state));
    return {
      agency: a.code,
      open: open.length,
      overdue: open.filter((t) => overdueIds.has(t.id)).length,
      resolvedToday: mine.filter((t) => t.resolvedAt !== null && Date.parse(t.resolvedAt) >= midnight).length,
    };
  });
}

/** The open tickets past their deadline now. */
export async function overdueIdsOf(repo: TicketRepo, cfg: PromptConfig, now: Date): Promise<Set<number>> {
  return new Set((await repo.list({ states: OPEN_STATES, limit: 1_000_000 })).filter((t) => isOverdue(cfg, t, now)).map((t) => t.id));
}
