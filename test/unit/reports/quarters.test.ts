import { describe, expect, it } from 'vitest';
import { isQuarterComplete, lastDayOf, parseQuarterLabel, quarterOptionLabel, quartersEndingWith, reportableQuarters, reportInstant } from '@/lib/reports';

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('parseQuarterLabel', () => {
  it.each([
    ['2026-Q1', 1, '2026-01-01', '2026-04-01'],
    ['2026-Q4', 1, '2026-10-01', '2027-01-01'],
    // An April fiscal year: Q1 is April–June, Q4 runs into the next calendar year.
    ['2026-Q1', 4, '2026-04-01', '2026-07-01'],
    ['2026-Q4', 4, '2027-01-01', '2027-04-01'],
    ['2025-Q2', 10, '2026-01-01', '2026-04-01'],
  ])('%s with a fiscal year from month %i is %s to %s', (label, fiscal, start, end) => {
    const quarter = parseQuarterLabel(label, fiscal)!;
    expect(quarter).toEqual({ label, start: utc(start), end: utc(end) });
  });

  it.each(['2026-Q5', '2026-Q0', '26-Q1', '2026Q1', '2026-q1', '', '2026-Q1 '])('refuses %j', (label) => {
    expect(parseQuarterLabel(label)).toBeNull();
  });
});

describe('report instant', () => {
  const q3 = parseQuarterLabel('2026-Q3')!;
  it('is the last millisecond of a finished quarter, and now during it', () => {
    expect(reportInstant(q3, utc('2026-11-23')).toISOString()).toBe('2026-09-30T23:59:59.999Z');
    expect(reportInstant(q3, new Date('2026-08-10T09:30:00Z')).toISOString()).toBe('2026-08-10T09:30:00.000Z');
    expect(isQuarterComplete(q3, utc('2026-10-01'))).toBe(true);
    expect(isQuarterComplete(q3, new Date('2026-09-30T23:59:59Z'))).toBe(false);
    expect(lastDayOf(q3)).toBe('2026-09-30');
  });
});

describe('quarters offered', () => {
  it('goes from the current quarter back to the one holding the first figures, newest first', () => {
    const labels = reportableQuarters(utc('2026-11-23'), 1, utc('2025-08-14')).map((q) => q.label);
    expect(labels).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
  });

  it('offers only the current quarter before any figures exist, and follows the fiscal year', () => {
    expect(reportableQuarters(utc('2026-11-23'), 1, null).map((q) => q.label)).toEqual(['2026-Q4']);
    expect(reportableQuarters(utc('2026-11-23'), 4, utc('2026-04-01')).map((q) => q.label)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1']);
  });

  it('lists a quarter and the three before it, oldest first, across a year end', () => {
    expect(quartersEndingWith(parseQuarterLabel('2026-Q2')!, 4).map((q) => q.label)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  });
});

describe('quarter picker labels', () => {
  it('name the months, across a year end, and mark the quarter in progress', () => {
    const now = utc('2026-11-23');
    expect(quarterOptionLabel(parseQuarterLabel('2026-Q3')!, now)).toBe('2026-Q3 (Jul to Sept 2026)');
    expect(quarterOptionLabel(parseQuarterLabel('2026-Q4')!, now)).toBe('2026-Q4 (Oct to Dec 2026, to date)');
    expect(quarterOptionLabel(parseQuarterLabel('2025-Q4', 4)!, now)).toBe('2025-Q4 (Jan to Mar 2026)');
  });
});
