import { desc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../connection';
import { attestations, campaigns } from '../schema';

/** A person's attestation records, newest first, with the campaign each answered. */
export function listOwnAttestations(db: AppDatabase, { userId }: { userId: number }) {
  return db
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
    .orderBy(desc(attestations.submittedAt))
    .all();
}
