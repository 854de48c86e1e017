/**
 * Line styles that stay distinct without colour: the Okabe–Ito palette (safe for the common forms of
 * colour blindness) paired with a dash pattern per line.
 */
export const LINE_STYLES = [
  { color: '#0072B2', dash: undefined },
  { color: '#D55E00', dash: '8 4' },
  { color: '#009E73', dash: '2 3' },
  { color: '#CC79A7', dash: '10 3 2 3' },
  { color: '#000000', dash: '4 2' },
  { color: '#E69F00', dash: '12 4' },
  { color: '#56B4E9', dash: '1 2' },
] as const;

export type LineStyle = (typeof LINE_STYLES)[number];

/** The style of the `index`-th line; styles repeat after seven lines, with a thicker stroke the second time round. */
export function lineStyle(index: number): LineStyle & { width: number } {
  return { ...LINE_STYLES[index % LINE_STYLES.length]!, width: index >= LINE_STYLES.length ? 3 : 2 };
}

/** Midnight UTC of a "YYYY-MM-DD" day, in ms since the epoch. */
export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** A day (ms since the epoch) as "23 Nov 26", in UTC like every other date in the app. */
export function shortDay(ms: number): string {
  const date = new Date(ms);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' }).format(date);
}

/** How each kind of dated marker is drawn on the trend chart (and in its key). */
export const MARKER_STYLE = {
  'campaign-opens': { stroke: '#4b5563', dash: '4 4' },
  'campaign-due': { stroke: '#9f1239', dash: '1 3' },
  'policy-change': { stroke: '#6d28d9', dash: '8 2 2 2' },
} as const;
