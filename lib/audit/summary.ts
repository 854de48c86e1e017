import { canonicalJson } from './hash';
import { ERASED } from './personal';

/**
 * A readable, compact diff of an audit entry's summary. Summaries are free-form JSON, by convention
 * `{ before?, after?, ...notes }`: before/after are compared field by field (nested objects as dotted paths),
 * unchanged fields are left out (unless erased on both sides: they did change), and every other key is shown as a note.
 */
export type AuditChange =
  | { kind: 'changed'; field: string; before: string; after: string }
  | { kind: 'added'; field: string; value: string }
  | { kind: 'removed'; field: string; value: string }
  | { kind: 'note'; field: string; value: string };

/** Longest a shown value may be, in characters, before it is cut with an ellipsis. */
export const MAX_VALUE_CHARS = 120;
/** Nested objects deeper than this are shown whole rather than field by field. */
const MAX_DEPTH = 3;

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value as short text: strings as they are, lists of plain values comma-separated, anything else as JSON; "none" for null. */
export function formatAuditValue(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = 'none';
  else if (typeof value === 'string') text = value === '' ? '""' : value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) text = value.length === 0 ? '[]' : value.map((item) => formatAuditValue(item)).join(', ');
  else text = canonicalJson(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** Leaf values of a (nested) object keyed by dotted path; a non-object is one leaf under `prefix`. */
function flatten(value: unknown, prefix: string, depth = 0, out = new Map<string, unknown>()): Map<string, unknown> {
  if (!isPlainObject(value) || depth >= MAX_DEPTH || (Object.keys(value).length === 0 && prefix !== '')) {
    out.set(prefix || 'value', value);
    return out;
  }
  for (const [key, nested] of Object.entries(value)) flatten(nested, prefix ? `${prefix}.${key}` : key, depth + 1, out);
  return out;
}

/** The changes an audit summary records, in a stable order: before/after fields first (sorted), then notes. */
export function describeAuditSummary(summary: unknown): AuditChange[] {
  if (!isPlainObject(summary)) return summary === null || summary === undefined ? [] : [{ kind: 'note', field: 'summary', value: formatAuditValue(summary) }];
  const { before, after, ...notes } = summary;
  const changes: AuditChange[] = [];
  if (before !== undefined || after !== undefined) {
    const old = before === undefined ? new Map<string, unknown>() : flatten(before, '');
    const now = after === undefined ? new Map<string, unknown>() : flatten(after, '');
    for (const field of [...new Set([...old.keys(), ...now.keys()])].sort()) {
      const [was, is] = [old.get(field), now.get(field)];
      if (!old.has(field)) changes.push({ kind: 'added', field, value: formatAuditValue(is) });
      else if (!now.has(field)) changes.push({ kind: 'removed', field, value: formatAuditValue(was) });
      // Both sides erased by the retention purge: it was a change all the same, of values no longer known.
      else if (canonicalJson(was) !== canonicalJson(is) || was === ERASED) changes.push({ kind: 'changed', field, before: formatAuditValue(was), after: formatAuditValue(is) });
    }
  }
  for (const [field, value] of Object.entries(notes)) changes.push({ kind: 'note', field, value: formatAuditValue(value) });
  return changes;
}

/** The changes as one line of text ("role: staff → manager; reason: promoted"), for CSV exports. */
export function auditSummaryText(summary: unknown): string {
  return describeAuditSummary(summary)
    .map((change) => {
      switch (change.kind) {
        case 'changed':
          return `${change.field}: ${change.before} → ${change.after}`;
        case 'added':
          return `${change.field}: + ${change.value}`;
        case 'removed':
          return `${change.field}: − ${change.value}`;
        case 'note':
          return `${change.field}: ${change.value}`;
      }
    })
    .join('; ');
}
