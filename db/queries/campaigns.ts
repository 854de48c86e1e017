import { asc, desc, lte } from 'drizzle-orm';
import type { Sector } from '@/lib/policy/constants';
import type { AppDatabase } from '../connection';
import { prepareOnce } from '../prepared';
import { campaignTeams, campaigns } from '../schema';
import type { DatabaseOrTransaction } from '../transaction';

/** The campaign in force on `asOf`: the latest one that has opened. */
export function findCurrentCampaign(db: AppDatabase, { asOf }: { asOf: Date }) {
  return (
    db
      .select({ id: campaigns.id, name: campaigns.name, period: campaigns.period, opensAt: campaigns.opensAt, dueAt: campaigns.dueAt })
      .from(campaigns)
      .where(lte(campaigns.opensAt, asOf))
      .orderBy(desc(campaigns.opensAt))
      .limit(1)
      .get() ?? null
  );
}

/** A campaign with its audience. */
export interface CampaignWithAudience {
  id: number;
  name: string;
  period: string;
  opensAt: Date;
  dueAt: Date;
  allTeams: boolean;
  teamIds: number[];
  packVersions: Partial<Record<Sector, string>> | null;
  createdAt: Date;
}

/** Where a campaign stands: not yet open, open, past its due date (late submissions allowed), or replaced by a later one. */
export type CampaignStatus = 'scheduled' | 'open' | 'past_due' | 'closed';

const allCampaignTeams = (db: DatabaseOrTransaction) => db.select().from(campaignTeams).prepare();
const allCampaigns = (db: DatabaseOrTransaction) => db.select().from(campaigns).orderBy(asc(campaigns.opensAt), asc(campaigns.id)).prepare();

/** Every campaign with its audience, in opening order (ties by id): the order in which one replaces another. */
export function listCampaignsWithAudience(db: DatabaseOrTransaction): CampaignWithAudience[] {
  const audience = new Map<number, number[]>();
  for (const row of prepareOnce(db, allCampaignTeams).all()) audience.set(row.campaignId, [...(audience.get(row.campaignId) ?? []), row.teamId]);
  return prepareOnce(db, allCampaigns)
    .all()
    .map((c) => ({
      id: c.id,
      name: c.name,
      period: c.period,
      opensAt: c.opensAt,
      dueAt: c.dueAt,
      allTeams: c.allTeams,
      teamIds: audience.get(c.id) ?? [],
      packVersions: c.packVersions ?? null,
      createdAt: c.createdAt,
    }));
}

/** Whether `teamId` is in the campaign's audience. */
export function campaignCovers(campaign: Pick<CampaignWithAudience, 'allTeams' | 'teamIds'>, teamId: number): boolean {
  return campaign.allTeams || campaign.teamIds.includes(teamId);
}

/**
 * The campaign a team answers on `asOf`: the latest opened campaign covering it (the same rule the scoring
 * engine uses). A campaign stops taking submissions from a team once a later one covering it opens.
 */
export function campaignInForceFor(all: readonly CampaignWithAudience[], teamId: number, asOf: Date): CampaignWithAudience | null {
  return all.findLast((c) => c.opensAt <= asOf && campaignCovers(c, teamId)) ?? null;
}

/** Status of a campaign on `asOf`, over the teams of its audience (`teamIds` = every team for an all-teams campaign). */
export function campaignStatus(all: readonly CampaignWithAudience[], campaign: CampaignWithAudience, teamIds: readonly number[], asOf: Date): CampaignStatus {
  if (campaign.opensAt > asOf) return 'scheduled';
  const audience = campaign.allTeams ? teamIds : campaign.teamIds;
  const stillInForce = audience.some((teamId) => campaignInForceFor(all, teamId, asOf)?.id === campaign.id);
  if (!stillInForce) return 'closed';
  return asOf < campaign.dueAt ? 'open' : 'past_due';
}

/**
 * The campaign `campaignId` if the person with these teams may submit to it on `asOf`, with the team it is
 * answered for (their lowest-id team it is in force for); null when it has not opened, is not for their teams,
 * or has been replaced by a later campaign.
 */
export function findAttestableCampaign(
  db: DatabaseOrTransaction,
  { campaignId, teamIds, asOf }: { campaignId: number; teamIds: readonly number[]; asOf: Date },
): { campaign: CampaignWithAudience; teamId: number } | null {
  const all = listCampaignsWithAudience(db);
  for (const teamId of [...teamIds].sort((a, b) => a - b)) {
    const inForce = campaignInForceFor(all, teamId, asOf);
    if (inForce?.id === campaignId) return { campaign: inForce, teamId };
  }
  return null;
}

/** For each of the person's teams (lowest id first), the campaign in force for it on `asOf`, without repeats. */
export function campaignsDueFor(db: DatabaseOrTransaction, { teamIds, asOf }: { teamIds: readonly number[]; asOf: Date }): { campaign: CampaignWithAudience; teamId: number }[] {
  const all = listCampaignsWithAudience(db);
  const seen = new Set<number>();
  const due: { campaign: CampaignWithAudience; teamId: number }[] = [];
  for (const teamId of [...teamIds].sort((a, b) => a - b)) {
    const campaign = campaignInForceFor(all, teamId, asOf);
    if (!campaign || seen.has(campaign.id)) continue;
    seen.add(campaign.id);
    due.push({ campaign, teamId });
  }
  return due;
}
