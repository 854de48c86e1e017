import { dayKey, previousQuarter, quarterOf, type Period } from '../time';

/** A quarter label as lib/time names quarters: the fiscal year it starts in, then Q1–Q4 ('2026-Q3'). */
export const QUARTER_LABEL_PATTERN = /^(\d{4})-Q([1-4])$/;

/**
 * The fiscal quarter named `label` ('2026-Q3') for an organisation whose fiscal year starts in
 * `fiscalYearStartMonth` (1–12), or null when the label is malformed. With an April start, '2026-Q1' is
 * April–June 2026 and '2026-Q4' is January–March 2027 (see lib/time/periods).
 */
export function parseQuarterLabel(label: string, fiscalYearStartMonth = 1): Period | null {
  const match = QUARTER_LABEL_PATTERN.exec(label);
  if (!match) return null;
  const start = new Date(Date.UTC(Number(match[1]), fiscalYearStartMonth - 1 + (Number(match[2]) - 1) * 3, 1));
  return quarterOf(start, fiscalYearStartMonth);
}

/**
 * The instant a quarter's report is taken at: the last millisecond of its last day once it is over, else
 * `now` (the quarter to date). The same instant the daily snapshots use for that day.
 */
export function reportInstant(quarter: Period, now: Date): Date {
  const end = new Date(quarter.end.getTime() - 1);
  return end.getTime() < now.getTime() ? end : now;
}

/** Whether `quarter` is over on `now`. */
export function isQuarterComplete(quarter: Period, now: Date): boolean {
  return quarter.end.getTime() <= now.getTime();
}

/** `quarter` and the `count - 1` quarters before it, oldest first. */
export function quartersEndingWith(quarter: Period, count: number, fiscalYearStartMonth = 1): Period[] {
  const quarters = [quarter];
  while (quarters.length < count) quarters.unshift(previousQuarter(quarters[0]!, fiscalYearStartMonth));
  return quarters;
}

/**
 * The quarters a report can be asked for, newest first: the current one (to date) and every earlier one
 * back to the quarter holding `firstDataDay` (the first day with figures). Only the current quarter
 * when there is no data yet.
 */
export function reportableQuarters(now: Date, fiscalYearStartMonth: number, firstDataDay: Date | null): Period[] {
  const quarters = [quarterOf(now, fiscalYearStartMonth)];
  if (!firstDataDay) return quarters;
  while (quarters[quarters.length - 1]!.start.getTime() > firstDataDay.getTime()) {
    quarters.push(previousQuarter(quarters[quarters.length - 1]!, fiscalYearStartMonth));
  }
  return quarters;
}

/** The last day of a quarter, 'YYYY-MM-DD'. */
export function lastDayOf(quarter: Period): string {
  return dayKey(new Date(quarter.end.getTime() - 1));
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** How a quarter is offered in a picker: '2026-Q3 (Jul to Sep 2026)', '2026-Q4 (Oct to Dec 2026, to date)'. */
export function quarterOptionLabel(quarter: Period, now: Date): string {
  const last = new Date(quarter.end.getTime() - 1);
  return `${quarter.label} (${MONTH.format(quarter.start)} to ${MONTH_YEAR.format(last)}${isQuarterComplete(quarter, now) ? '' : ', to date'})`;
}
