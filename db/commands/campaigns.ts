import { inArray } from 'drizzle-orm';
import { POLICY_PACKS, SECTORS } from '@/lib/policy';
import { dayKey } from '@/lib/time';
import { fieldFailure, type ActionResult } from '@/lib/validation/action-result';
import type { CreateCampaignInput } from '@/lib/validation/campaigns';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { campaignTeams, campaigns, teams } from '../schema';
import type { Actor, CommandOptions } from './actor';

/** What creating a campaign returns. */
export type CreateCampaignResult = ActionResult<{ campaignId: number }>;

/**
 * Creates an attestation campaign with its audience and the version of every pack in force now (so the record
 * says which questions it asked), with an audit entry, in one transaction. Refuses unknown teams.
 * `input` has passed `createCampaignSchema`; `actor` holds 'manage:campaigns'.
 */
export function applyCampaignCreation(db: AppDatabase, actor: Actor, input: CreateCampaignInput, { now = new Date() }: CommandOptions = {}): CreateCampaignResult {
  return db.transaction(
    (tx): CreateCampaignResult => {
      if (input.teamIds.length > 0) {
        const found = tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, input.teamIds)).all();
        if (found.length !== input.teamIds.length) return fieldFailure({ teamIds: ['Choose only teams that exist.'] });
      }
      const packVersions = Object.fromEntries(SECTORS.map((s) => [s, POLICY_PACKS[s].version]));
      const row = tx
        .insert(campaigns)
        .values({ name: input.name, period: input.period, opensAt: input.opensAt, dueAt: input.dueAt, allTeams: input.allTeams, packVersions, createdBy: actor.id, createdAt: now })
        .returning({ id: campaigns.id })
        .get();
      if (input.teamIds.length > 0) tx.insert(campaignTeams).values(input.teamIds.map((teamId) => ({ campaignId: row.id, teamId }))).run();
      appendAuditEntry(tx, {
        actorId: actor.id,
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: row.id,
        at: now,
        summary: { name: input.name, period: input.period, opensAt: dayKey(input.opensAt), dueAt: dayKey(input.dueAt), audience: input.allTeams ? 'all' : input.teamIds, packVersions },
      });
      return { ok: true, campaignId: row.id };
    },
    { behavior: 'immediate' },
  );
}
