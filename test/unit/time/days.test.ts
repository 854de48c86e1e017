import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDaysBetween,
  dayKey,
  daysBetween,
  formatDay,
  parseDayKey,
  startOfUtcDay,
} from '../../../lib/time';

const d = (iso: string) => new Date(iso);

describe('dayKey', () => {
  it.each([
    ['2026-11-20T12:00:00.000Z', '2026-11-20'],
    ['2026-11-20T23:59:59.999Z', '2026-11-20'],
    ['2026-11-21T00:00:00.000Z', '2026-11-21'],
    ['2026-11-20T23:30:00.000-05:00', '2026-11-21'],
    ['2028-02-29T06:00:00.000Z', '2028-02-29'],
  ])('%s is UTC day %s', (iso, key) => {
    expect(dayKey(d(iso))).toBe(key);
  });

  it('rejects an invalid date', () => {
    expect(() => dayKey(new Date('nope'))).toThrow(RangeError);
  });
});

describe('parseDayKey', () => {
  it('round-trips with dayKey at midnight UTC', () => {
    expect(parseDayKey('2026-12-15').toISOString()).toBe('2026-12-15T00:00:00.000Z');
    expect(dayKey(parseDayKey('2028-02-29'))).toBe('2028-02-29');
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects %j', (key) => {
    expect(() => parseDayKey(key)).toThrow(RangeError);
  });
});

describe('startOfUtcDay / addDays', () => {
  it('floors to midnight UTC', () => {
    expect(startOfUtcDay(d('2026-11-20T17:45:12.345Z')).toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });

  it.each([
    [1, '2026-11-21T12:00:00.000Z'],
    [-20, '2026-10-31T12:00:00.000Z'],
    [0.5, '2026-11-21T00:00:00.000Z'],
    [41, '2026-12-31T12:00:00.000Z'],
  ])('adds %d days keeping the time', (days, expected) => {
    expect(addDays(d('2026-11-20T12:00:00.000Z'), days).toISOString()).toBe(expected);
  });

  it('does not modify its argument', () => {
    const date = d('2026-11-20T12:00:00.000Z');
    addDays(date, 3);
    expect(date.toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-20T00:00:00Z', '2026-11-20T23:59:59Z', 0],
    ['2026-11-20T23:59:00Z', '2026-11-21T00:01:00Z', 1],
    ['2026-11-11T12:00:00Z', '2026-11-20T08:00:00Z', 9],
    ['2026-11-20T12:00:00Z', '2026-11-18T12:00:00Z', -2],
    ['2026-12-31T12:00:00Z', '2027-01-01T12:00:00Z', 1],
    ['2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 2],
  ])('%s → %s is %d calendar days', (from, to, expected) => {
    expect(daysBetween(d(from), d(to))).toBe(expected);
  });
});

describe('businessDaysBetween', () => {
  // 20 Nov 2026 is a Friday.
  it.each([
    ['Fri → Mon', '2026-11-20', '2026-11-23', 1],
    ['Fri → Sat', '2026-11-20', '2026-11-21', 0],
    ['Fri → Sun', '2026-11-20', '2026-11-22', 0],
    ['Mon → Fri', '2026-11-16', '2026-11-20', 4],
    ['Fri → Fri', '2026-11-20', '2026-11-27', 5],
    ['two weeks and a day (Fri → Sat)', '2026-11-20', '2026-12-05', 10],
    ['same day', '2026-11-20', '2026-11-20', 0],
    ['backwards', '2026-11-20', '2026-11-10', 0],
  ])('%s', (_name, from, to, expected) => {
    expect(businessDaysBetween(parseDayKey(from), parseDayKey(to))).toBe(expected);
  });
});

describe('formatDay', () => {
  it.each([
    ['2026-12-15T00:00:00Z', '15 Dec 2026'],
    ['2027-01-01T23:59:00Z', '1 Jan 2027'],
    ['2026-11-20T23:30:00-05:00', '21 Nov 2026'],
  ])('%s is shown as %s', (iso, text) => {
    expect(formatDay(d(iso))).toBe(text);
  });
});
