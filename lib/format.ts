/** Display formatting shared by pages. Dates are shown in UTC so that every viewer sees the same day. */

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "23 Nov 2026", or an em dash for no date. */
export function formatDate(value: Date | number | null | undefined): string {
  return value === null || value === undefined ? '—' : DATE.format(value);
}

/** "23 Nov 2026, 14:05 UTC". */
export function formatDateTime(value: Date | number | null | undefined): string {
  return value === null || value === undefined ? '—' : DATE_TIME.format(value);
}

/** "7 of 9 (78%)"; "none due" when the denominator is zero. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return 'none due';
  return `${part} of ${whole} (${Math.round((100 * part) / whole)}%)`;
}

/** Upper-cases the first letter: "finance" → "Finance". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
