/**
 * Day arithmetic in UTC. Every function is pure and takes the instant it works on as an argument:
 * nothing here reads the clock.
 */

/** Milliseconds in one UTC day (UTC has no daylight-saving shifts, so every day is this long). */
export const MS_PER_DAY = 86_400_000;

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function assertValid(date: Date, name: string): void {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${name} is not a valid date`);
}

/**
 * Midnight UTC at the start of the day containing `date`.
 * Invariant: `startOfUtcDay(d) <= d < addDays(startOfUtcDay(d), 1)`. Throws RangeError on an invalid date.
 */
export function startOfUtcDay(date: Date): Date {
  return new Date(utcDayNumber(date) * MS_PER_DAY);
}

/** Days since 1 January 1970 UTC of the day containing `date` (negative before): every UTC day is MS_PER_DAY long. */
function utcDayNumber(date: Date): number {
  assertValid(date, 'date');
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/**
 * The UTC calendar day of `date` as 'YYYY-MM-DD' (sortable as text). Throws RangeError on an invalid date.
 */
export function dayKey(date: Date): string {
  assertValid(date, 'date');
  return date.toISOString().slice(0, 10);
}

/**
 * Parses a 'YYYY-MM-DD' day key into midnight UTC of that day.
 * Throws RangeError when the text is not a real calendar day (e.g. '2026-02-30').
 */
export function parseDayKey(key: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) throw new RangeError(`"${key}" is not a YYYY-MM-DD day`);
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (dayKey(date) !== key) throw new RangeError(`"${key}" is not a calendar day`);
  return date;
}

/**
 * `date` moved by `days` whole or fractional days (negative moves back), i.e. `days × MS_PER_DAY`
 * milliseconds. The time of day is kept.
 */
export function addDays(date: Date, days: number): Date {
  assertValid(date, 'date');
  return new Date(date.getTime() + days * MS_PER_DAY);
}

/**
 * Whole UTC calendar days from the day of `from` to the day of `to` (times of day are ignored):
 * 0 on the same day, 1 from any time on Monday to any time on Tuesday, negative when `to` is earlier.
 */
export function daysBetween(from: Date, to: Date): number {
  return utcDayNumber(to) - utcDayNumber(from);
}

/**
 * Business days (Monday to Friday, UTC; public holidays are not known here) after the day of `from`
 * up to and including the day of `to`. 0 when `to` is on or before `from`'s day.
 * Example: Friday → next Monday is 1.
 */
export function businessDaysBetween(from: Date, to: Date): number {
  const total = daysBetween(from, to);
  if (total <= 0) return 0;
  const fullWeeks = Math.floor(total / 7);
  let count = fullWeeks * 5;
  const startWeekday = startOfUtcDay(from).getUTCDay();
  for (let i = 1; i <= total % 7; i += 1) {
    const weekday = (startWeekday + i) % 7;
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

/** The UTC day of `date` for people, e.g. '15 Dec 2026'. Throws RangeError on an invalid date. */
export function formatDay(date: Date): string {
  assertValid(date, 'date');
  const month = MONTH_ABBREVIATIONS[date.getUTCMonth()] ?? '';
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}
