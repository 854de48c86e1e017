import { desc, lte } from 'drizzle-orm';
import type { AppDatabase } from '../connection';
import { campaigns } from '../schema';

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
