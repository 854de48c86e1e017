import type { AppDatabase } from '../connection';
import { listCampaignsWithAudience, type CampaignWithAudience } from './campaigns';

/**
 * The campaign `campaignId` if a caller with team scope `scope` may see its progress: officers any campaign,
 * managers those whose audience includes a team they manage. Null otherwise (shown as not found).
 */
export function findCampaignInScope(db: AppDatabase, { campaignId, scope }: { campaignId: number; scope: 'all' | readonly number[] }): { campaign: CampaignWithAudience; all: CampaignWithAudience[] } | null {
  const all = listCampaignsWithAudience(db);
  const campaign = all.find((c) => c.id === campaignId);
  if (!campaign) return null;
  if (scope !== 'all' && !campaign.allTeams && !campaign.teamIds.some((id) => scope.includes(id))) return null;
  if (scope !== 'all' && scope.length === 0) return null;
  return { campaign, all };
}
