import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/lib/format';

/** Where a person stands on the current campaign: submitted, due, overdue, or nothing open. */
export function AttestationStatusBadge({
  campaign,
  submittedAt,
  asOf,
}: {
  campaign: { period: string; dueAt: Date } | null;
  submittedAt: Date | number | null;
  asOf: Date;
}) {
  if (!campaign) return <Badge>No campaign open</Badge>;
  if (submittedAt !== null) return <Badge tone="good">Submitted {formatDate(submittedAt)}</Badge>;
  if (asOf > campaign.dueAt) return <Badge tone="bad">Overdue since {formatDate(campaign.dueAt)}</Badge>;
  return <Badge tone="warn">Due {formatDate(campaign.dueAt)}</Badge>;
}
