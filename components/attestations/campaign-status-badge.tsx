import { Badge } from '@/components/ui/badge';
import type { CampaignStatus } from '@/db/queries/campaigns';
import type { MemberProgressStatus } from '@/db/queries/campaign-progress';

const CAMPAIGN: Record<CampaignStatus, { tone: 'good' | 'warn' | 'bad' | 'neutral' | 'info'; label: string }> = {
  scheduled: { tone: 'info', label: 'Scheduled' },
  open: { tone: 'good', label: 'Open' },
  past_due: { tone: 'warn', label: 'Past due (late answers taken)' },
  closed: { tone: 'neutral', label: 'Closed' },
};

/** A campaign's status, derived from its dates and from later campaigns. */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={CAMPAIGN[status].tone}>{CAMPAIGN[status].label}</Badge>;
}

const MEMBER: Record<MemberProgressStatus, { tone: 'good' | 'warn' | 'bad' | 'info'; label: string }> = {
  on_time: { tone: 'good', label: 'Signed' },
  late: { tone: 'warn', label: 'Signed late' },
  due: { tone: 'info', label: 'Due' },
  overdue: { tone: 'bad', label: 'Overdue' },
};

/** A member's standing on a campaign. */
export function MemberProgressBadge({ status }: { status: MemberProgressStatus }) {
  return <Badge tone={MEMBER[status].tone}>{MEMBER[status].label}</Badge>;
}
