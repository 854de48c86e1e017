/** UTC day and reporting-period helpers. Pure; nothing here reads the clock. */
export { MS_PER_DAY, addDays, businessDaysBetween, dayKey, daysBetween, formatDay, parseDayKey, startOfUtcDay } from './days';
export { isInPeriod, nextQuarter, periodOf, previousQuarter, quarterOf } from './periods';
export type { Period, PeriodFrequency } from './periods';
