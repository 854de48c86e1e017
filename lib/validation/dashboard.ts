import { z } from 'zod';
import { SECTORS, type Sector } from '@/lib/policy/constants';

/** Chart ranges offered on the dashboards, in days (null: from the first snapshot). */
export const DASHBOARD_RANGES = { '90d': 90, '1y': 365, all: null } as const;
export type DashboardRange = keyof typeof DASHBOARD_RANGES;
export const RANGE_LABELS: Readonly<Record<DashboardRange, string>> = { '90d': 'Last 90 days', '1y': 'Last year', all: 'Since the first campaign' };

/** How the risk-over-time chart splits its lines. */
export const SERIES_MODES = ['total', 'sector', 'team'] as const;
export type SeriesMode = (typeof SERIES_MODES)[number];

/** Dashboard filters as they travel in the URL, so that a view can be shared. */
export interface DashboardFilters {
  sector: Sector | null;
  teamId: number | null;
  range: DashboardRange;
  series: SeriesMode;
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const schema = z.object({
  sector: z.preprocess(first, z.enum(SECTORS).nullable().catch(null)).default(null),
  team: z.preprocess(first, z.coerce.number().int().positive().nullable().catch(null)).default(null),
  range: z.preprocess(first, z.enum(['90d', '1y', 'all']).catch('1y')).default('1y'),
  series: z.preprocess(first, z.enum(SERIES_MODES).catch('total')).default('total'),
});

/** Reads filters from search params; anything unknown or malformed falls back to the default, never throws. */
export function parseDashboardFilters(params: Record<string, string | string[] | undefined>): DashboardFilters {
  const parsed = schema.parse({ sector: params.sector ?? null, team: params.team || null, range: params.range, series: params.series });
  return { sector: parsed.sector, teamId: parsed.team, range: parsed.range, series: parsed.series };
}

/** The query string for `filters` (defaults left out), with a leading "?" when not empty. */
export function dashboardQuery(filters: Partial<DashboardFilters>): string {
  const params = new URLSearchParams();
  if (filters.sector) params.set('sector', filters.sector);
  if (filters.teamId) params.set('team', String(filters.teamId));
  if (filters.range && filters.range !== '1y') params.set('range', filters.range);
  if (filters.series && filters.series !== 'total') params.set('series', filters.series);
  const text = params.toString();
  return text ? `?${text}` : '';
}
