import { EmptyState } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import type { HistoryEntry } from '@/db/queries/admin';
import { formatDateTime } from '@/lib/format';

/** What each audited action is called on the history lists. */
const ACTION_LABELS: Record<string, string> = {
  'user.create': 'Created',
  'user.update': 'Details edited',
  'user.role': 'Role changed',
  'user.deactivate': 'Deactivated',
  'user.reactivate': 'Reactivated',
  'user.sign-in-method': 'Sign-in changed',
  'user.import.create': 'Created by HR import',
  'user.import.update': 'Changed by HR import',
  'user.import.reactivate': 'Reactivated by HR import',
  'user.import.deactivate': 'Deactivated by HR import',
  'team.member.add': 'Joined a team',
  'team.member.move': 'Moved to a team',
  'team.member.remove': 'Left a team',
  'team.manager.add': 'Became a manager',
  'team.manager.remove': 'Stopped managing',
  'team.create': 'Team created',
  'team.update': 'Team edited',
};

const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : Array.isArray(value) ? value.join(', ') : String(value));

/** One line saying what an entry changed, from its before/after summary. */
export function describeEntry(summary: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Array.isArray(summary.changes)) parts.push(summary.changes.join('; '));
  else if (summary.before && summary.after && typeof summary.before === 'object' && typeof summary.after === 'object') {
    const before = summary.before as Record<string, unknown>;
    for (const [key, value] of Object.entries(summary.after as Record<string, unknown>)) parts.push(`${key}: ${text(before[key])} → ${text(value)}`);
  } else if (summary.after && typeof summary.after === 'object') {
    parts.push(Object.entries(summary.after as Record<string, unknown>).map(([k, v]) => `${k}: ${text(v)}`).join(', '));
  }
  if (typeof summary.team === 'string') parts.push(summary.team);
  if (Array.isArray(summary.leftTeams) && summary.leftTeams.length > 0) parts.push(`left ${summary.leftTeams.join(', ')}`);
  if (Array.isArray(summary.stoppedManaging) && summary.stoppedManaging.length > 0) parts.push(`stopped managing ${summary.stoppedManaging.join(', ')}`);
  if (typeof summary.signIn === 'string') parts.push(summary.signIn);
  if (typeof summary.importId === 'number') parts.push(`import #${summary.importId}`);
  return parts.join(' · ') || '—';
}

/** The audit log's entries about one person or team, newest first: when, who, what. */
export function HistoryTable({ entries, caption }: { entries: readonly HistoryEntry[]; caption: string }) {
  if (entries.length === 0) return <EmptyState title="No recorded changes">Changes made in Onchannel appear here, with who made them and when.</EmptyState>;
  return (
    <DataTable caption={caption} headers={['When', 'Who', 'What', 'Details']}>
      {entries.map((e) => (
        <tr key={e.id}>
          <Cell className="whitespace-nowrap">{formatDateTime(e.at)}</Cell>
          <Cell>{e.actorName ?? 'System'}</Cell>
          <Cell>{ACTION_LABELS[e.action] ?? e.action}</Cell>
          <Cell>{describeEntry(e.summary)}</Cell>
        </tr>
      ))}
    </DataTable>
  );
}
