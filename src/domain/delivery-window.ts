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

/** True when `instant` falls inside working hours on a working day in `tz`. */
export function isInsideWindow(instant: Date, tz: string | null | undefined, hours: WorkingHours): boolean {
  const local = new TZDate(instant, zone(tz));
  const minute = local.getHours() * 60 + local.getMinutes();
  return hours.days.includes(getISODay(local)) && minute >= hours.startMinute && minute < hours.endMinute;
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
    if (start.getTime() >= instant.getTime()) return new Date(start.getTime());
  }
  // No working day at all (misconfigured): never deliver rather than deliver at night.
  return new Date(8.64e15);
}
