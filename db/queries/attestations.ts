import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { GENESIS_HASH, attestationHash } from '@/lib/audit/hash';
import type { AppDatabase } from '../connection';
import { openPersonalData } from '../personal-keys';
import { prepareOnce } from '../prepared';
import { attestationDrafts, attestations, campaigns, users } from '../schema';
import type { DatabaseOrTransaction } from '../transaction';

/** A person's attestation records, newest first, with the campaign each answered. */
export function listOwnAttestations(db: AppDatabase, { userId }: { userId: number }) {
  return openPersonalData(db, db
    .select({
      id: attestations.id,
      period: campaigns.period,
      campaignId: attestations.campaignId,
      packVersion: attestations.packVersion,
      submittedAt: attestations.submittedAt,
      signatureName: attestations.signatureName,
      supersedesId: attestations.supersedesId,
      contentHash: attestations.contentHash,
    })
    .from(attestations)
    .innerJoin(campaigns, eq(campaigns.id, attestations.campaignId))
    .where(eq(attestations.userId, userId))
    .orderBy(desc(attestations.submittedAt), desc(attestations.id))
    .all());
}

const ownAttestation = (db: AppDatabase) =>
  db
    .select({
      id: attestations.id,
      campaignId: attestations.campaignId,
      campaignName: campaigns.name,
      period: campaigns.period,
      packId: attestations.packId,
      packVersion: attestations.packVersion,
      answers: attestations.answers,
      questionTexts: attestations.questionTexts,
      signatureName: attestations.signatureName,
      submittedAt: attestations.submittedAt,
      supersedesId: attestations.supersedesId,
      contentHash: attestations.contentHash,
      prevHash: attestations.prevHash,
    })
    .from(attestations)
    .innerJoin(campaigns, eq(campaigns.id, attestations.campaignId))
    .where(and(eq(attestations.id, sql.placeholder('attestationId')), eq(attestations.userId, sql.placeholder('userId'))))
    .prepare();

/**
 * One attestation record as its receipt shows it, only if it belongs to `userId` (anyone else's id gives null,
 * so that a receipt never reveals another person's record).
 */
export function findOwnAttestation(db: AppDatabase, { userId, attestationId }: { userId: number; attestationId: number }) {
  return openPersonalData(db, prepareOnce(db, ownAttestation).get({ userId, attestationId }) ?? null);
}

/** A record as its receipt shows it (sent to the browser: nothing the person did not sign or cannot see). */
export type AttestationReceiptRecord = NonNullable<ReturnType<typeof findOwnAttestation>>;

/** The person's record in force for a campaign (the latest; a correction replaces the one before), or null. */
export function findLatestAttestation(db: DatabaseOrTransaction, { userId, campaignId }: { userId: number; campaignId: number }) {
  return (
    db
      .select({ id: attestations.id, submittedAt: attestations.submittedAt, answers: attestations.answers })
      .from(attestations)
      .where(and(eq(attestations.userId, userId), eq(attestations.campaignId, campaignId)))
      .orderBy(desc(attestations.id))
      .limit(1)
      .get() ?? null
  );
}

/** The person's saved draft for a campaign, or null. */
export function findDraft(db: DatabaseOrTransaction, { userId, campaignId }: { userId: number; campaignId: number }) {
  return (
    db
      .select({ answers: attestationDrafts.answers, updatedAt: attestationDrafts.updatedAt })
      .from(attestationDrafts)
      .where(and(eq(attestationDrafts.userId, userId), eq(attestationDrafts.campaignId, campaignId)))
      .get() ?? null
  );
}

/** A person's records for managers and officers: every submission with what it replaced. Scope is the caller's job. */
export function listAttestationHistory(db: AppDatabase, { userId }: { userId: number }) {
  return openPersonalData(db, db
    .select({
      id: attestations.id,
      period: campaigns.period,
      submittedAt: attestations.submittedAt,
      signatureName: attestations.signatureName,
      packVersion: attestations.packVersion,
      supersedesId: attestations.supersedesId,
      contentHash: attestations.contentHash,
      name: users.name,
    })
    .from(attestations)
    .innerJoin(campaigns, eq(campaigns.id, attestations.campaignId))
    .innerJoin(users, eq(users.id, attestations.userId))
    .where(eq(attestations.userId, userId))
    .orderBy(desc(attestations.id))
    .all());
}

/** Outcome of walking the attestation chain: intact, or the id of the first record that does not match. */
export type AttestationChainCheck = { ok: true; records: number } | { ok: false; brokenAtId: number; records: number };

/**
 * Recomputes every attestation's hash from its stored content and the previous record's hash, in id order
 * (one chain for the whole organisation). A mismatch means a record was altered, removed or inserted out of order.
 */
export function verifyAttestationChain(db: DatabaseOrTransaction): AttestationChainCheck {
  const rows = db.select().from(attestations).orderBy(asc(attestations.id)).all();
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const expected = attestationHash(prevHash, {
      userId: row.userId,
      campaignId: row.campaignId,
      packId: row.packId,
      packVersion: row.packVersion,
      answers: row.answers,
      signatureName: row.signatureName,
      submittedAt: row.submittedAt,
      supersedesId: row.supersedesId,
    });
    if (row.prevHash !== prevHash || row.contentHash !== expected) return { ok: false, brokenAtId: row.id, records: rows.length };
    prevHash = row.contentHash;
  }
  return { ok: true, records: rows.length };
}
