import { z } from 'zod';
import { addDays, dayKey } from '@/lib/time';
import { dayField } from './dates';

/**
 * Filters of the audit log page and its CSV export, as they travel in the URL. Unlike the dashboard filters,
 * a malformed filter is reported rather than dropped: an audit search that silently widens would mislead.
 */
export interface AuditFilters {
  /** Part of the actor's e-mail, lower-case. */
  actor: string | null;
  /** An exact action, e.g. 'policy.change'. */
  action: string | null;
  /** A target type, and optionally one record of it ("exception" or "exception:12"). */
  target: { type: string; id: string | null } | null;
  /** Entries at or after the start of this day (UTC). */
  from: Date | null;
  /** Entries before the end of this day (UTC). */
  to: Date | null;
}

/** The URL parameters, as the filter form names its inputs. */
export type AuditFilterField = 'actor' | 'action' | 'target' | 'from' | 'to';

export const NO_AUDIT_FILTERS: AuditFilters = { actor: null, action: null, target: null, from: null, to: null };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optionalText = (max: number, message: string) =>
  z.preprocess(
    first,
    z
      .string()
      .trim()
      .max(max, message)
      .optional()
      .transform((value) => value || null),
  );
const optionalDay = z.preprocess((value) => first(value) || undefined, dayField('Enter a day as YYYY-MM-DD.').optional());

const schema = z
  .object({
    actor: optionalText(254, 'An e-mail is at most 254 characters.').transform((value) => value?.toLowerCase() ?? null),
    action: optionalText(100, 'Choose an action from the list.'),
    target: optionalText(200, 'A target is at most 200 characters.').transform((value, ctx) => {
      if (value === null) return null;
      const match = /^([a-z][a-z_]*)(?:(?:\s*[:#]\s*|\s+)([^\s:#]\S*))?$/.exec(value);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: 'Write the target as a type, or a type and an id: “exception” or “exception:12”.' });
        return z.NEVER;
      }
      return { type: match[1]!, id: match[2] ?? null };
    }),
    from: optionalDay,
    to: optionalDay,
  })
  .superRefine((filters, ctx) => {
    if (filters.from && filters.to && filters.to < filters.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end day is before the start day.' });
  });

/** Reads the filters from search params: the filters, or the message for each filter that is malformed. */
export function parseAuditFilters(
  params: Record<string, string | string[] | undefined>,
): { ok: true; filters: AuditFilters } | { ok: false; errors: Partial<Record<AuditFilterField, string>> } {
  const parsed = schema.safeParse({ actor: params.actor, action: params.action, target: params.target, from: params.from, to: params.to });
  if (!parsed.success) {
    const errors: Partial<Record<AuditFilterField, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as AuditFilterField] ??= issue.message;
    return { ok: false, errors };
  }
  const { from, to, ...rest } = parsed.data;
  return { ok: true, filters: { ...rest, from: from ?? null, to: to ?? null } };
}

/** The first instant after the `to` day, for an exclusive upper bound. */
export function auditRangeEnd(filters: AuditFilters): Date | null {
  return filters.to ? addDays(filters.to, 1) : null;
}

/** The filters as URL parameters (unset ones left out), as the form would send them. */
export function auditFilterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.action) params.set('action', filters.action);
  if (filters.target) params.set('target', filters.target.id === null ? filters.target.type : `${filters.target.type}:${filters.target.id}`);
  if (filters.from) params.set('from', dayKey(filters.from));
  if (filters.to) params.set('to', dayKey(filters.to));
  return params;
}

/** The raw text of each filter, to put back into the form (also when it did not parse). */
export function auditFilterInputs(params: Record<string, string | string[] | undefined>): Record<AuditFilterField, string> {
  const text = (key: AuditFilterField) => String(first(params[key]) ?? '');
  return { actor: text('actor'), action: text('action'), target: text('target'), from: text('from'), to: text('to') };
}
