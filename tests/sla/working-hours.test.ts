import { describe, expect, it } from 'vitest';
import { addWorkingHours, calendarOf, CalendarError, isWorkingTime, workingHoursBetween } from '../../core/sla/working-hours.js';

// Kota Bima: WITA (UTC+8), Monday–Friday 08:00–16:00, Christmas and New Year off.
const cal = calendarOf({
  timezone_offset_hours: 8,
  working_hours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' },
  holidays: ['2026-12-25', '2027-01-01'],
});
/** A WITA wall time as a Date. */
const wita = (local: string) => new Date(`${local}:00+08:00`);
const add = (local: string, hours: number) => addWorkingHours(wita(local), hours, cal).toISOString();

describe('working hours in the city timezone', () => {
  it('counts within one day', () => {
    expect(add('2026-11-23T10:00', 3)).toBe(wita('2026-11-23T13:00').toISOString());
  });

  it('a deadline at closing time stays on that day', () => {
    expect(add('2026-11-27T14:00', 2)).toBe(wita('2026-11-27T16:00').toISOString());
  });

  it('skips the weekend: 2 hours after Friday 15:00 is Monday 09:00', () => {
    expect(add('2026-11-27T15:00', 2)).toBe(wita('2026-11-30T09:00').toISOString());
    expect(workingHoursBetween(wita('2026-11-27T15:00'), wita('2026-11-30T09:00'), cal)).toBe(2);
  });

  it('time filed at night or on Saturday starts counting at the next opening', () => {
    expect(add('2026-11-23T06:00', 1)).toBe(wita('2026-11-23T09:00').toISOString());
    expect(add('2026-11-23T22:00', 1)).toBe(wita('2026-11-24T09:00').toISOString());
    expect(add('2026-11-28T10:00', 1)).toBe(wita('2026-11-30T09:00').toISOString());
  });

  it('skips a holiday: Thursday 24 Dec 15:00 + 2 h crosses Christmas (Friday) and the weekend', () => {
    expect(add('2026-12-24T15:00', 2)).toBe(wita('2026-12-28T09:00').toISOString());
    expect(workingHoursBetween(wita('2026-12-24T00:00'), wita('2026-12-29T00:00'), cal)).toBe(16);
  });

  it('3 working days (24 h) from Monday 10:00 is Thursday 10:00; across a holiday week it is later', () => {
    expect(add('2026-11-23T10:00', 24)).toBe(wita('2026-11-26T10:00').toISOString());
    expect(add('2026-12-23T10:00', 24)).toBe(wita('2026-12-29T10:00').toISOString());
  });

  it('uses the local date, not UTC: 07:30 WITA on Monday is still Sunday in UTC', () => {
    expect(isWorkingTime(wita('2026-11-30T07:30'), cal)).toBe(false);
    expect(isWorkingTime(wita('2026-11-30T08:00'), cal)).toBe(true);
    expect(isWorkingTime(wita('2026-11-30T16:00'), cal)).toBe(false);
    expect(isWorkingTime(wita('2026-12-25T10:00'), cal)).toBe(false);
  });

  it('adding then measuring gives the same hours back', () => {
    let from = wita('2026-11-20T07:13');
    for (let i = 0; i < 200; i++) {
      const hours = ((i * 37) % 97) / 4;
      const to = addWorkingHours(from, hours, cal);
      expect(workingHoursBetween(from, to, cal)).toBeCloseTo(hours, 6);
      from = new Date(from.getTime() + 3_600_000 * 5.5);
    }
  });

  it('refuses a calendar with no working time, naming the file', () => {
    expect(() => calendarOf({ timezone_offset_hours: 8, working_hours: { days: [1], start: '16:00', end: '08:00' }, holidays: [] }))
      .toThrow(/city\.yaml working_hours/);
    const never = calendarOf({ timezone_offset_hours: 7, working_hours: { days: [1], start: '08:00', end: '09:00' }, holidays: [] });
    expect(workingHoursBetween(wita('2026-11-23T00:00'), wita('2026-11-23T23:00'), never)).toBe(1);
    expect(CalendarError.name).toBe('CalendarError');
  });
});
