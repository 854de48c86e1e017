import { desc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../connection';
import { campaigns, reminders, users } from '../schema';

/** The newest reminders in the outbox (at most `limit`), with the campaign and who nudged. */
export function listOutbox(db: AppDatabase, { limit = 200 }: { limit?: number } = {}) {
  return db
    .select({
      id: reminders.id,
      kind: reminders.kind,
      day: reminders.day,
      recipient: reminders.recipient,
      subject: reminders.subject,
      createdAt: reminders.createdAt,
      emailedAt: reminders.emailedAt,
      emailError: reminders.emailError,
      campaign: campaigns.period,
      sentBy: users.name,
    })
    .from(reminders)
    .innerJoin(campaigns, eq(campaigns.id, reminders.campaignId))
    .leftJoin(users, eq(users.id, reminders.sentBy))
    .orderBy(desc(reminders.id))
    .limit(limit)
    .all();
}
