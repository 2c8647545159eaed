/**
 * How far the holiday calendar in prompts/city.yaml reaches. Service levels
 * count working days; past the last listed holiday every national holiday
 * would silently count as a working day, so the operator is warned in time.
 */
import type { PromptConfig } from '../core/config/schema.js';

/** Warn this many days before the last listed holiday. */
export const CALENDAR_WARN_DAYS = 60;

export interface CalendarCoverage {
  /** The last holiday listed (YYYY-MM-DD), if any. */
  lastHoliday?: string;
  /** Whole days from today (city time) to that holiday; negative when it has passed. */
  daysLeft?: number;
  /** Set when the calendar runs out within CALENDAR_WARN_DAYS: what to do, in English for the log. */
  warning?: string;
  /** The same for the command centre, in Indonesian. */
  warningId?: string;
}

export function calendarCoverage(cfg: PromptConfig, now: Date): CalendarCoverage {
  const dates = [...cfg.city.holidays].sort();
  const last = dates[dates.length - 1];
  const today = new Date(now.getTime() + cfg.city.timezone_offset_hours * 3_600_000).toISOString().slice(0, 10);
  if (!last) {
    return {
      warning: 'prompts/city.yaml lists no holidays: service levels count national holidays as working days; add them (see the comment above holidays:)',
      warningId: 'Kalender libur di prompts/city.yaml kosong: hari libur nasional dihitung sebagai hari kerja. Tambahkan libur nasional dan cuti bersama.',
    };
  }
  const daysLeft = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft >= CALENDAR_WARN_DAYS) return { lastHoliday: last, daysLeft };
  return {
    lastHoliday: last, daysLeft,
    warning: `the holiday calendar in prompts/city.yaml ends on ${last} (${daysLeft} days): add next year's national holidays and cuti bersama from the SKB 3 Menteri (see the comment above holidays:)`,
    warningId: `Kalender libur di prompts/city.yaml berakhir ${last} (${daysLeft} hari lagi): tambahkan libur nasional dan cuti bersama tahun berikutnya sesuai SKB 3 Menteri.`,
  };
}
