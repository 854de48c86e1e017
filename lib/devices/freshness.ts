import { daysBetween } from '@/lib/time/days';

/**
 * Whether a device record is fresh: a device not seen for more than STALE_DEVICE_DAYS (the policy
 * parameter staleDeviceDays) may no longer be as recorded. Pure.
 */

/** Default days after which a device not seen is stale (policy parameter staleDeviceDays). */
export const STALE_DEVICE_DAYS = 7;


/** Fresh, stale (with whole days unseen) or never seen. */
export type DeviceFreshness = { status: 'fresh'; daysUnseen: number } | { status: 'stale'; daysUnseen: number } | { status: 'never' };

/**
 * Freshness of a device last seen at `lastSeenAt`, on `asOf`: stale when more than `staleDays` whole
 * UTC calendar days have passed (as rule X7 counts them); a last-seen time in the future counts as 0 days.
 */
export function deviceFreshness(lastSeenAt: Date | null, asOf: Date, staleDays: number = STALE_DEVICE_DAYS): DeviceFreshness {
  if (!lastSeenAt) return { status: 'never' };
  const daysUnseen = Math.max(0, daysBetween(lastSeenAt, asOf));
  return daysUnseen > staleDays ? { status: 'stale', daysUnseen } : { status: 'fresh', daysUnseen };
}

/** "Stale — not seen for 12 days", "Never seen", or null when fresh. */
export function freshnessLabel(freshness: DeviceFreshness): string | null {
  if (freshness.status === 'never') return 'Never seen';
  if (freshness.status === 'stale') return `Stale — not seen for ${freshness.daysUnseen} day${freshness.daysUnseen === 1 ? '' : 's'}`;
  return null;
}
