import { and, desc, eq, sql } from 'drizzle-orm';
import { getPack, questionsFor, type PolicyPack, type Question } from '@/lib/policy';
import { attestationHash, GENESIS_HASH } from '@/lib/audit/hash';
import type { ActionResult } from '@/lib/validation/action-result';
import type { AttestationSubmission } from '@/lib/validation/attestations';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { sealPersonalOrNull, sealPersonalValue } from '../personal-keys';
import { prepareOnce } from '../prepared';
import { findAttestableCampaign, type CampaignWithAudience } from '../queries/campaigns';
import { attestationDrafts, attestations, teams } from '../schema';
import type { DatabaseOrTransaction } from '../transaction';
import type { CommandOptions } from './actor';

/** The person submitting: always the signed-in user, never an id from the form. */
export interface Attester {
  id: number;
  name: string;
  memberTeamIds: readonly number[];
  managedTeamIds: readonly number[];
}

/** What the form for one campaign asks one person: the campaign, the team it is answered for, its pack and questions. */
export interface AttestationContext {
  campaign: CampaignWithAudience;
  teamId: number;
  pack: PolicyPack;
  questions: readonly Question[];
}

/**
 * The form `person` must fill in for `campaignId` on `asOf`, or null when that campaign is not open to them
 * (not yet open, not for their teams, or replaced by a later campaign). Late submissions are allowed.
 */
const teamPack = (db: DatabaseOrTransaction) =>
  db
    .select({ pack: teams.policyPackId })
    .from(teams)
    .where(eq(teams.id, sql.placeholder('teamId')))
    .prepare();

export function attestationContext(db: DatabaseOrTransaction, person: Attester, { campaignId, asOf }: { campaignId: number; asOf: Date }): AttestationContext | null {
  const found = findAttestableCampaign(db, { campaignId, teamIds: person.memberTeamIds, asOf });
  if (!found) return null;
  const team = prepareOnce(db, teamPack).get({ teamId: found.teamId });
  if (!team) return null;
  const pack = getPack(team.pack);
  return { campaign: found.campaign, teamId: found.teamId, pack, questions: questionsFor(pack, { isSupervisor: person.managedTeamIds.length > 0 }) };
}

/** Request facts recorded with a submission. */
export interface SubmissionOptions extends CommandOptions {
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** What a submission returns. */
export type SubmissionResult = ActionResult<{ attestationId: number; submittedAt: Date; contentHash: string; supersedesId: number | null }>;

/** The message for a campaign that is not (or no longer) open to the person. Says nothing else. */
export const CAMPAIGN_NOT_OPEN = 'This attestation is not open for you.';

const previousRecord = (db: AppDatabase) =>
  db
    .select({ id: attestations.id })
    .from(attestations)
    // The unary + keeps SQLite on the person's index (a few rows) rather than the campaign's (every submission).
    .where(and(eq(attestations.userId, sql.placeholder('userId')), sql`+${attestations.campaignId} = ${sql.placeholder('campaignId')}`))
    .orderBy(desc(attestations.id))
    .limit(1)
    .prepare();
const lastRecord = (db: AppDatabase) => db.select({ hash: attestations.contentHash }).from(attestations).orderBy(desc(attestations.id)).limit(1).prepare();
const insertRecord = (db: AppDatabase) =>
  db
    .insert(attestations)
    .values({
      userId: sql.placeholder('userId'),
      campaignId: sql.placeholder('campaignId'),
      packId: sql.placeholder('packId'),
      packVersion: sql.placeholder('packVersion'),
      answers: sql.placeholder('answers'),
      questionTexts: sql.placeholder('questionTexts'),
      signatureName: sql.placeholder('signatureName'),
      submittedAt: sql.placeholder('submittedAt'),
      ipAddress: sql.placeholder('ipAddress'),
      userAgent: sql.placeholder('userAgent'),
      supersedesId: sql.placeholder('supersedesId'),
      contentHash: sql.placeholder('contentHash'),
      prevHash: sql.placeholder('prevHash'),
    })
    .returning({ id: attestations.id })
    .prepare();
const deleteDraft = (db: AppDatabase) =>
  db.delete(attestationDrafts).where(and(eq(attestationDrafts.userId, sql.placeholder('userId')), eq(attestationDrafts.campaignId, sql.placeholder('campaignId')))).prepare();

/**
 * Records a signed attestation in one immediate transaction: re-checks that the campaign is still open to the
 * person, chains the record's hash to the last record's (GENESIS_HASH for the first), supersedes their previous
 * record for the campaign (a correction), deletes their draft and appends an audit entry.
 * `input` has passed `attestationSubmissionSchema(context.questions, person.name)`.
 */
export function applyAttestationSubmission(
  db: AppDatabase,
  person: Attester,
  context: AttestationContext,
  input: AttestationSubmission,
  { now = new Date(), ipAddress = null, userAgent = null }: SubmissionOptions = {},
): SubmissionResult {
  return db.transaction(
    (tx): SubmissionResult => {
      // The reads go through `db`'s prepared queries: on better-sqlite3 they run inside this transaction all the same.
      if (attestationContext(db, person, { campaignId: input.campaignId, asOf: now })?.campaign.id !== context.campaign.id) {
        return { ok: false, error: CAMPAIGN_NOT_OPEN };
      }
      const previous = prepareOnce(db, previousRecord).get({ userId: person.id, campaignId: context.campaign.id });
      const last = prepareOnce(db, lastRecord).get();
      const prevHash = last?.hash ?? GENESIS_HASH;
      const content = {
        userId: person.id,
        campaignId: context.campaign.id,
        packId: context.pack.id,
        packVersion: context.pack.version,
        answers: input.answers,
        // Sealed (db/personal-keys.ts): the hash covers the sealed signature, which the retention purge erases.
        signatureName: sealPersonalValue(tx, person.id, input.signatureName),
        submittedAt: now,
        supersedesId: previous?.id ?? null,
      };
      const contentHash = attestationHash(prevHash, content);
      const questionTexts = Object.fromEntries(context.questions.map((q) => [q.id, q.text]));
      const row = prepareOnce(db, insertRecord).get({
        ...content,
        questionTexts,
        ipAddress: sealPersonalOrNull(tx, person.id, ipAddress),
        userAgent: sealPersonalOrNull(tx, person.id, userAgent?.slice(0, 500) ?? null),
        contentHash,
        prevHash,
      })!;
      prepareOnce(db, deleteDraft).run({ userId: person.id, campaignId: context.campaign.id });
      appendAuditEntry(tx, {
        actorId: person.id,
        action: previous ? 'attestation.correct' : 'attestation.submit',
        targetType: 'attestation',
        targetId: row.id,
        at: now,
        summary: {
          campaignId: context.campaign.id,
          period: context.campaign.period,
          packId: context.pack.id,
          packVersion: context.pack.version,
          supersedesId: previous?.id ?? null,
          late: now >= context.campaign.dueAt,
          contentHash,
        },
      });
      return { ok: true, attestationId: row.id, submittedAt: now, contentHash, supersedesId: previous?.id ?? null };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Keeps the person's unsigned answers for a campaign: one row per person and campaign, replaced in place.
 * Drafts are not records: they are not hashed or audited, and the submission deletes them.
 */
export function saveAttestationDraft(
  db: AppDatabase,
  person: Pick<Attester, 'id'>,
  { campaignId, answers }: { campaignId: number; answers: Record<string, string | string[]> },
  { now = new Date() }: CommandOptions = {},
): { ok: true; savedAt: Date } {
  db.insert(attestationDrafts)
    .values({ userId: person.id, campaignId, answers, updatedAt: now })
    .onConflictDoUpdate({ target: [attestationDrafts.userId, attestationDrafts.campaignId], set: { answers, updatedAt: now } })
    .run();
  return { ok: true, savedAt: now };
}
