import { TZDate } from '@date-fns/tz';
import { addDays, getISODay } from 'date-fns';
import { DEFAULT_TIME_ZONE, isTimeZone } from './calendar.ts';

/** When a program lets the bot speak: local minutes of the day and ISO weekdays (1 = Monday). */
export interface WorkingHours {
  startMinute: number;
  endMinute: number;
  days: number[];
}

function zone(tz: string | null | undefined): string {
  return isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
}

// One formatter per zone: the sweep asks this for thousands of recipients.
const clockFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local ISO weekday and minute of the day at `instant` in `tz`, from the platform's zone data. */
function localClock(instant: Date, tz: string): { weekday: number; minute: number } {
  let formatter = clockFormatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormatters.set(tz, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  return { weekday: WEEKDAYS[parts.weekday!] ?? 0, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** True when `instant` falls inside working hours on a working day in `tz`. */
export function isInsideWindow(instant: Date, tz: string | null | undefined, hours: WorkingHours): boolean {
  const { weekday, minute } = localClock(instant, zone(tz));
  return hours.days.includes(weekday) && minute >= hours.startMinute && minute < hours.endMinute;
}

/**
 * The first instant at or after `instant` inside the window: `instant` itself when it is inside,
 * otherwise the start of the next working day's hours, as wall-clock time in `tz` (so DST changes
 * move the UTC instant, never the local hour).
 */
export function nextWindowStart(instant: Date, tz: string | null | undefined, hours: WorkingHours): Date {
  if (isInsideWindow(instant, tz, hours)) return instant;
  const name = zone(tz);
  const local = new TZDate(instant, name);
  for (let offset = 0; offset <= 7; offset += 1) {
    const day = addDays(local, offset);
    if (!hours.days.includes(getISODay(day))) continue;
    const start = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(hours.startMinute / 60), hours.startMinute % 60, name);
    const opening = openingOnClockChange(start, instant, tz, hours);
    if (opening) return opening;
    if (start.getTime() >= instant.getTime()) return new Date(start.getTime());
  }
  // No working day at all (misconfigured): never deliver rather than deliver at night.
  return new Date(8.64e15);
}

const HOUR_MS = 60 * 60_000;

/**
 * On a day the clocks change, the opening time can happen twice (clocks go back: the second one
 * may still be ahead of `instant`) or not at all (clocks go forward: the window opens when the
 * clocks jump). Returns that opening when it applies, otherwise undefined.
 */
function openingOnClockChange(start: TZDate, instant: Date, tz: string | null | undefined, hours: WorkingHours): Date | undefined {
  const localMinute = start.getHours() * 60 + start.getMinutes();
  if (localMinute !== hours.startMinute) {
    // The opening time does not exist today: find the first inside minute before the computed start.
    for (let t = start.getTime() - HOUR_MS; t <= start.getTime(); t += 60_000) {
      if (t >= instant.getTime() && isInsideWindow(new Date(t), tz, hours)) return new Date(t);
    }
    return undefined;
  }
  const repeat = new Date(start.getTime() + HOUR_MS);
  const repeatLocal = new TZDate(repeat, start.timeZone ?? 'UTC');
  if (start.getTime() < instant.getTime() && repeat.getTime() >= instant.getTime() && repeatLocal.getHours() * 60 + repeatLocal.getMinutes() === hours.startMinute) return repeat;
  return undefined;
}
