/**
 * Reporting periods (quarters, halves, years) in UTC, with an optional fiscal-year start month.
 * Fiscal years are labelled by the calendar year they start in: with an April start,
 * April–June 2026 is '2026-Q1' and January–March 2027 is '2026-Q4'.
 */

/** How often attestations recur (structurally the same as the policy's AttestationFrequency). */
export type PeriodFrequency = 'quarterly' | 'semiannual' | 'annual';

/** A reporting period: `start` inclusive, `end` exclusive (midnight UTC of the next period's first day). */
export interface Period {
  /** '2026-Q4' (quarter), '2026-H2' (half year) or '2026' (year). */
  label: string;
  start: Date;
  end: Date;
}

const MONTHS_IN: Readonly<Record<PeriodFrequency, number>> = { quarterly: 3, semiannual: 6, annual: 12 };

function assertFiscalStart(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`fiscalYearStartMonth must be an integer 1–12, got ${month}`);
  }
}

function labelFor(frequency: PeriodFrequency, fiscalYear: number, index: number): string {
  if (frequency === 'quarterly') return `${fiscalYear}-Q${index + 1}`;
  if (frequency === 'semiannual') return `${fiscalYear}-H${index + 1}`;
  return String(fiscalYear);
}

/**
 * The period of the given frequency containing `date`.
 * @param fiscalYearStartMonth 1 (January, default) to 12; the first month of the fiscal year.
 * Invariant: `start <= date < end`.
 */
export function periodOf(date: Date, frequency: PeriodFrequency, fiscalYearStartMonth = 1): Period {
  assertFiscalStart(fiscalYearStartMonth);
  if (Number.isNaN(date.getTime())) throw new RangeError('date is not a valid date');
  const months = MONTHS_IN[frequency];
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const monthsIntoFiscalYear = (month - (fiscalYearStartMonth - 1) + 12) % 12;
  const fiscalYear = month >= fiscalYearStartMonth - 1 ? year : year - 1;
  const index = Math.floor(monthsIntoFiscalYear / months);
  const startMonth = fiscalYearStartMonth - 1 + index * months;
  return {
    label: labelFor(frequency, fiscalYear, index),
    start: new Date(Date.UTC(fiscalYear, startMonth, 1)),
    end: new Date(Date.UTC(fiscalYear, startMonth + months, 1)),
  };
}

/** The quarter containing `date`, e.g. { label: '2026-Q4', start: 1 Oct 2026, end: 1 Jan 2027 }. */
export function quarterOf(date: Date, fiscalYearStartMonth = 1): Period {
  return periodOf(date, 'quarterly', fiscalYearStartMonth);
}

/** The quarter just before the one that starts at `period.start` (pass a Period or anything with a start). */
export function previousQuarter(period: { start: Date }, fiscalYearStartMonth = 1): Period {
  return quarterOf(new Date(period.start.getTime() - 1), fiscalYearStartMonth);
}

/** The quarter just after the one that ends at `period.end`. */
export function nextQuarter(period: { end: Date }, fiscalYearStartMonth = 1): Period {
  return quarterOf(period.end, fiscalYearStartMonth);
}

/** True when `date` falls in the period (`start <= date < end`). */
export function isInPeriod(date: Date, period: Period): boolean {
  return date.getTime() >= period.start.getTime() && date.getTime() < period.end.getTime();
}
