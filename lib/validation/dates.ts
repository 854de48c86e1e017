import { z } from 'zod';
import { parseDayKey, startOfUtcDay } from '@/lib/time';

/** Whole calendar years after `date`, same month and day (29 Feb → 1 Mar in other years), UTC. */
export function addUtcYears(date: Date, years: number): Date {
  const next = new Date(date.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

/**
 * A calendar day, given as 'YYYY-MM-DD' (what `<input type="date">` posts) or as a Date, read as midnight
 * UTC of that day. Refuses anything else with `message`.
 */
export function dayField(message = 'Enter a date as YYYY-MM-DD.') {
  return z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
    if (value instanceof Date) {
      if (!Number.isNaN(value.getTime())) return startOfUtcDay(value);
    } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      try {
        return parseDayKey(value);
      } catch {
        // falls through to the issue below: not a calendar day, e.g. 2026-02-30
      }
    }
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}
