/**
 * Service-level figures for the dashboard, from the same rules the SLA worker
 * uses (core/sla: working hours, emergency categories round the clock), so the
 * board calls "overdue" exactly what the desks are reminded of.
 */
import type { PromptConfig } from '../core/config/schema.js';
import { roundTheClock, slaDeadlines, slaHours } from '../core/sla/checker.js';
import { addWorkingHours, calendarOf, workingHoursBetween } from '../core/sla/working-hours.js';
import type { Ticket } from '../core/tickets/types.js';

const HOUR = 3_600_000;

/** Hours past the deadline that applies now (> 0 overdue, ≤ 0 still in time), or null when no clock runs. */
export function overdueHours(cfg: PromptConfig, t: Ticket, now: Date): number | null {
  const d = slaDeadlines(t, cfg, now);
  const deadline = d.takeBy ?? d.resolveBy;
  if (!deadline) return null;
  const h = (now.getTime() - Date.parse(deadline)) / HOUR;
  return d.overdue && h <= 0 ? 0.01 : h;
}

export function isOverdue(cfg: PromptConfig, t: Ticket, now: Date): boolean {
  return slaDeadlines(t, cfg, now).overdue;
}

/** Was a resolved ticket resolved within its resolve window (from when it was taken)? Undefined when not resolved. */
export function resolvedInTime(cfg: PromptConfig, t: Pick<Ticket, 'agency' | 'category' | 'emergency' | 'createdAt' | 'forwardedAt' | 'takenAt' | 'resolvedAt'>): boolean | undefined {
  if (!t.resolvedAt) return undefined;
  const hours = slaHours(t, cfg);
  if (!hours) return undefined;
  const start = new Date(t.takenAt ?? t.forwardedAt ?? t.createdAt);
  const deadline = roundTheClock(t, cfg) ? new Date(start.getTime() + hours.resolve * HOUR) : addWorkingHours(start, hours.resolve, calendarOf(cfg.city));
  return Date.parse(t.resolvedAt) <= deadline.getTime();
}

export function hoursBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return (Date.parse(to) - Date.parse(from)) / HOUR;
}

/** Hours between two instants as the service level counts them: working hours, or round the clock for emergencies. */
export function serviceHoursBetween(cfg: PromptConfig, t: Pick<Ticket, 'category' | 'emergency'>, from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  if (roundTheClock(t, cfg)) return hoursBetween(from, to);
  return workingHoursBetween(new Date(from), new Date(to), calendarOf(cfg.city));
}
