/**
 * Working-hours arithmetic for service-level clocks, in the city's local time.
 *
 * LAPOR! counts deadlines in working days, so a complaint filed on Friday
 * afternoon is not overdue on Monday morning. The calendar comes from
 * prompts/city.yaml: `timezone_offset_hours` (Indonesia has no daylight saving,
 * so a fixed offset is exact), `working_hours` (ISO weekdays, start, end) and
 * `holidays` (local dates, YYYY-MM-DD). Everything here is pure: same inputs,
 * same answer, so clocks computed from stored times survive restarts.
 */
import type { CitySettings } from '../config/schema.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Ten years of days: a calendar with no working time at all fails loudly instead of looping forever. */
const MAX_DAYS = 3_660;

/** A city's working calendar, prepared once for fast repeated use. */
export interface WorkCalendar {
  offsetMs: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
  days: ReadonlySet<number>;
  /** Minutes after local midnight. */
  startMin: number;
  endMin: number;
  /** Local dates (YYYY-MM-DD) that are not working days. */
  holidays: ReadonlySet<string>;
}

export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarError';
  }
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Builds the calendar from prompts/city.yaml; refuses one in which no time is ever working time. */
export function calendarOf(city: Pick<CitySettings, 'timezone_offset_hours' | 'working_hours' | 'holidays'>): WorkCalendar {
  const startMin = minutesOf(city.working_hours.start);
  const endMin = minutesOf(city.working_hours.end);
  if (endMin <= startMin) {
    throw new CalendarError(`prompts/city.yaml working_hours: end (${city.working_hours.end}) must be later than start (${city.working_hours.start})`);
  }
  if (city.working_hours.days.length === 0) throw new CalendarError('prompts/city.yaml working_hours.days is empty: list at least one ISO weekday (1 = Monday)');
  return {
    offsetMs: city.timezone_offset_hours * HOUR,
    days: new Set(city.working_hours.days),
    startMin,
    endMin,
    holidays: new Set(city.holidays),
  };
}

/** Local midnight (as a shifted epoch: local wall time read with UTC getters) of the local day containing `localMs`. */
const dayStartOf = (localMs: number) => Math.floor(localMs / DAY) * DAY;

/** Whether the local day starting at `dayStart` (shifted epoch) is a working day. */
function isWorkingDay(cal: WorkCalendar, dayStart: number): boolean {
  const d = new Date(dayStart);
  const iso = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return cal.days.has(iso) && !cal.holidays.has(d.toISOString().slice(0, 10));
}

/** The working interval [start, end) of a local day, as shifted epochs, or undefined on a day off. */
function windowOf(cal: WorkCalendar, dayStart: number): [number, number] | undefined {
  if (!isWorkingDay(cal, dayStart)) return undefined;
  return [dayStart + cal.startMin * MINUTE, dayStart + cal.endMin * MINUTE];
}

/**
 * The moment `hours` working hours after `from`. Time outside working hours does
 * not count: 2 working hours after Friday 15:00 (work ends 16:00) is Monday 09:00.
 * A deadline that falls exactly at closing time stays on that day (Friday 16:00).
 */
export function addWorkingHours(from: Date, hours: number, cal: WorkCalendar): Date {
  let remaining = Math.max(0, hours) * HOUR;
  let local = from.getTime() + cal.offsetMs;
  for (let i = 0; i < MAX_DAYS; i++) {
    const dayStart = dayStartOf(local);
    const w = windowOf(cal, dayStart);
    if (w) {
      const cur = Math.max(local, w[0]);
      if (cur < w[1] || (remaining === 0 && cur <= w[1])) {
        const available = w[1] - cur;
        if (remaining <= available) return new Date(cur + remaining - cal.offsetMs);
        remaining -= available;
      }
    }
    local = dayStart + DAY;
  }
  throw new CalendarError(`no working time within ${MAX_DAYS} days: check working_hours and holidays in prompts/city.yaml`);
}

/** Working hours elapsed from `from` to `to` (0 when `to` is not later). */
export function workingHoursBetween(from: Date, to: Date, cal: WorkCalendar): number {
  const end = to.getTime() + cal.offsetMs;
  let local = from.getTime() + cal.offsetMs;
  let total = 0;
  for (let i = 0; local < end; i++) {
    if (i > MAX_DAYS * 10) throw new CalendarError('workingHoursBetween: span longer than a century');
    const dayStart = dayStartOf(local);
    const w = windowOf(cal, dayStart);
    if (w) total += Math.max(0, Math.min(end, w[1]) - Math.max(local, w[0]));
    local = dayStart + DAY;
  }
  return total / HOUR;
}

/** Whether `at` falls inside working hours (the desk is staffed). */
export function isWorkingTime(at: Date, cal: WorkCalendar): boolean {
  const local = at.getTime() + cal.offsetMs;
  const w = windowOf(cal, dayStartOf(local));
  return !!w && local >= w[0] && local < w[1];
}
