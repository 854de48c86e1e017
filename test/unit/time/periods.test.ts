import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInPeriod, nextQuarter, periodOf, previousQuarter, quarterOf } from '../../../lib/time';

const d = (iso: string) => new Date(iso);
const shape = (p: { label: string; start: Date; end: Date }) => [p.label, p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)];

describe('quarterOf (calendar year)', () => {
  it.each([
    ['2026-01-01T00:00:00Z', ['2026-Q1', '2026-01-01', '2026-04-01']],
    ['2026-03-31T23:59:59Z', ['2026-Q1', '2026-01-01', '2026-04-01']],
    ['2026-04-01T00:00:00Z', ['2026-Q2', '2026-04-01', '2026-07-01']],
    ['2026-11-20T12:00:00Z', ['2026-Q4', '2026-10-01', '2027-01-01']],
    ['2026-12-31T23:59:59Z', ['2026-Q4', '2026-10-01', '2027-01-01']],
  ])('%s', (iso, expected) => {
    expect(shape(quarterOf(d(iso)))).toEqual(expected);
  });
});

describe('quarterOf (fiscal years, labelled by the year they start)', () => {
  it.each([
    [4, '2026-04-15T00:00:00Z', ['2026-Q1', '2026-04-01', '2026-07-01']],
    [4, '2027-02-10T00:00:00Z', ['2026-Q4', '2027-01-01', '2027-04-01']],
    [4, '2026-03-31T00:00:00Z', ['2025-Q4', '2026-01-01', '2026-04-01']],
    [10, '2026-11-20T00:00:00Z', ['2026-Q1', '2026-10-01', '2027-01-01']],
    [10, '2026-09-30T00:00:00Z', ['2025-Q4', '2026-07-01', '2026-10-01']],
    [12, '2026-12-01T00:00:00Z', ['2026-Q1', '2026-12-01', '2027-03-01']],
    [12, '2027-11-30T00:00:00Z', ['2026-Q4', '2027-09-01', '2027-12-01']],
  ])('start month %d, %s', (month, iso, expected) => {
    expect(shape(quarterOf(d(iso), month))).toEqual(expected);
  });

  it.each([0, 13, 1.5, Number.NaN])('rejects start month %d', (month) => {
    expect(() => quarterOf(d('2026-01-01T00:00:00Z'), month)).toThrow(RangeError);
  });
});

describe('previousQuarter / nextQuarter', () => {
  it('steps across year ends', () => {
    const q1 = quarterOf(d('2027-02-01T00:00:00Z'));
    expect(previousQuarter(q1).label).toBe('2026-Q4');
    expect(previousQuarter(previousQuarter(q1)).label).toBe('2026-Q3');
    expect(nextQuarter(previousQuarter(q1))).toEqual(q1);
  });

  it('respects the fiscal start month', () => {
    const q = quarterOf(d('2026-04-10T00:00:00Z'), 4);
    expect(previousQuarter(q, 4).label).toBe('2025-Q4');
    expect(nextQuarter(q, 4).label).toBe('2026-Q2');
  });
});

describe('periodOf', () => {
  it.each([
    ['quarterly', '2026-11-20T00:00:00Z', ['2026-Q4', '2026-10-01', '2027-01-01']],
    ['semiannual', '2026-11-20T00:00:00Z', ['2026-H2', '2026-07-01', '2027-01-01']],
    ['semiannual', '2026-06-30T23:59:59Z', ['2026-H1', '2026-01-01', '2026-07-01']],
    ['annual', '2026-11-20T00:00:00Z', ['2026', '2026-01-01', '2027-01-01']],
  ] as const)('%s around %s', (frequency, iso, expected) => {
    expect(shape(periodOf(d(iso), frequency))).toEqual(expected);
  });

  it('contains the date it was built from, start inclusive and end exclusive', () => {
    const q = quarterOf(d('2026-11-20T00:00:00Z'));
    expect(isInPeriod(d('2026-11-20T00:00:00Z'), q)).toBe(true);
    expect(isInPeriod(q.start, q)).toBe(true);
    expect(isInPeriod(q.end, q)).toBe(false);
  });
});

describe('period properties', () => {
  const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });
  const month = fc.integer({ min: 1, max: 12 });

  it('a quarter contains its date, spans three months and follows its predecessor', () => {
    fc.assert(
      fc.property(date, month, (d, m) => {
        const q = quarterOf(d, m);
        expect(isInPeriod(d, q)).toBe(true);
        expect(q.start.getUTCDate()).toBe(1);
        expect((q.end.getUTCMonth() - q.start.getUTCMonth() + 12) % 12).toBe(3);
        expect(previousQuarter(q, m).end).toEqual(q.start);
        expect(q.label).toMatch(/^\d{4}-Q[1-4]$/);
      }),
    );
  });
});
