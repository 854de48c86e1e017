import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { formatDate } from '@/lib/format';
import { attestationLink, DUE_SOON_DAYS, reminderMessage, type ReminderKind } from '@/lib/mail/reminder-message';
import { canViewTeam, type AccessSubject } from '@/lib/auth/roles';
import { addDays, dayKey } from '@/lib/time';
import type { ActionResult } from '@/lib/validation/action-result';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { campaignsDueFor } from '../queries/campaigns';
import { attestations, reminders, teamMembers, users, type Reminder } from '../schema';
import type { AppTransaction } from '../transaction';

/** What sends an e-mail: nodemailer's transporter, or a stand-in in tests. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** Where reminders link to and come from. */
export interface ReminderSettings {
  baseUrl: string;
  now?: Date;
}

interface Pending {
  userId: number;
  name: string;
  email: string;
  campaign: { id: number; name: string; dueAt: Date };
}

/** Active people in a team, with the campaign in force for them on `asOf` and not yet signed. */
function pendingPeople(db: AppDatabase | AppTransaction, asOf: Date, userIds?: readonly number[]): Pending[] {
  const people = db
    .select({ id: users.id, name: users.name, email: users.email, teamId: teamMembers.teamId })
    .from(users)
    .innerJoin(teamMembers, and(eq(teamMembers.userId, users.id), isNull(teamMembers.leftAt)))
    .where(and(eq(users.active, true), userIds ? inArray(users.id, [...userIds]) : undefined))
    .all();
  const teamsOf = new Map<number, { name: string; email: string; teamIds: number[] }>();
  for (const p of people) {
    const entry = teamsOf.get(p.id) ?? { name: p.name, email: p.email, teamIds: [] };
    entry.teamIds.push(p.teamId);
    teamsOf.set(p.id, entry);
  }
  const signed = new Set(
    db.select({ key: sql<string>`${attestations.userId} || ':' || ${attestations.campaignId}` }).from(attestations).all().map((r) => r.key),
  );
  const pending: Pending[] = [];
  for (const [userId, person] of teamsOf) {
    for (const { campaign } of campaignsDueFor(db, { teamIds: person.teamIds, asOf })) {
      if (!signed.has(`${userId}:${campaign.id}`)) pending.push({ userId, name: person.name, email: person.email, campaign });
    }
  }
  return pending;
}

/** Inserts one reminder unless the person already has one that day (the unique (user, day) index decides). */
function insertReminder(tx: AppDatabase | AppTransaction, p: Pending, kind: ReminderKind, { baseUrl, now, sentBy, nudgedBy }: { baseUrl: string; now: Date; sentBy: number | null; nudgedBy?: string }): Reminder | undefined {
  const { subject, body } = reminderMessage({ kind, name: p.name, campaignName: p.campaign.name, dueDay: formatDate(p.campaign.dueAt), link: attestationLink(baseUrl, p.campaign.id), nudgedBy });
  return tx
    .insert(reminders)
    .values({ userId: p.userId, campaignId: p.campaign.id, kind, day: dayKey(now), recipient: p.email, subject, body, sentBy, createdAt: now })
    .onConflictDoNothing({ target: [reminders.userId, reminders.day] })
    .returning()
    .get();
}

/** The organisation's reminder cadence: lead days before the due day, least days between two scheduled reminders. */
function reminderCadence(db: AppDatabase): { leadDays: number; intervalDays: number } {
  const row = db.$client.prepare<[], { leadDays: number; intervalDays: number }>('SELECT reminder_lead_days AS leadDays, reminder_interval_days AS intervalDays FROM organisation WHERE id = 1').get();
  return { leadDays: row?.leadDays ?? DUE_SOON_DAYS, intervalDays: row?.intervalDays ?? 1 };
}

/**
 * Queues today's scheduled reminders into the outbox: "overdue" for everyone past the due day of the campaign in
 * force for them, "due soon" within the organisation's reminder lead days (default DUE_SOON_DAYS) of it. Nobody
 * gets a second reminder the same UTC day, nor a scheduled one about the same campaign within the organisation's
 * reminder interval (default 1 day: daily). Returns the reminders written (already-reminded people are skipped).
 */
export function queueDueReminders(db: AppDatabase, { baseUrl, now = new Date() }: ReminderSettings): Reminder[] {
  const { leadDays, intervalDays } = reminderCadence(db);
  const recentlyReminded = db.$client.prepare<[number, number, string], { one: number }>(
    'SELECT 1 AS one FROM reminders WHERE user_id = ? AND campaign_id = ? AND sent_by IS NULL AND day > ? LIMIT 1',
  );
  const since = dayKey(addDays(now, -intervalDays));
  return db.transaction(
    (tx) => {
      const written: Reminder[] = [];
      for (const p of pendingPeople(db, now)) {
        const kind: ReminderKind | null = now >= p.campaign.dueAt ? 'overdue' : addDays(now, leadDays) >= p.campaign.dueAt ? 'due_soon' : null;
        if (!kind || recentlyReminded.get(p.userId, p.campaign.id, since)) continue;
        const row = insertReminder(tx, p, kind, { baseUrl, now, sentBy: null });
        if (row) written.push(row);
      }
      if (written.length > 0) appendAuditEntry(tx, { actorId: null, action: 'reminders.queue', targetType: 'reminders', targetId: null, at: now, summary: { count: written.length, day: dayKey(now) } });
      return written;
    },
    { behavior: 'immediate' },
  );
}

/** What a nudge returns. */
export type NudgeResult = ActionResult<{ reminder: Reminder }>;

/**
 * A manager's (or officer's) reminder to one member of a team they may view, about the campaign in force for that
 * member. Refuses, writing nothing: someone outside the caller's teams (the same answer as an unknown person), a
 * campaign that is not the member's current one, one already signed, and a second reminder the same day.
 */
export function applyNudge(db: AppDatabase, actor: AccessSubject & { name: string }, { userId, campaignId }: { userId: number; campaignId: number }, { baseUrl, now = new Date() }: ReminderSettings): NudgeResult {
  const memberTeams = db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(and(eq(teamMembers.userId, userId), isNull(teamMembers.leftAt))).all();
  if (!memberTeams.some((m) => canViewTeam(actor, m.teamId))) return { ok: false, error: 'That person is not in a team you manage.' };
  return db.transaction(
    (tx): NudgeResult => {
      const pending = pendingPeople(tx, now, [userId]).find((p) => p.campaign.id === campaignId);
      if (!pending) return { ok: false, error: 'There is nothing to remind them about: the attestation is signed or not open to them.' };
      const row = insertReminder(tx, pending, 'nudge', { baseUrl, now, sentBy: actor.id, nudgedBy: actor.name });
      if (!row) return { ok: false, error: `${pending.name} has already had a reminder today.` };
      appendAuditEntry(tx, { actorId: actor.id, action: 'reminder.nudge', targetType: 'user', targetId: userId, at: now, summary: { campaignId, reminderId: row.id } });
      return { ok: true, reminder: row };
    },
    { behavior: 'immediate' },
  );
}

/**
 * E-mails reminders through `transport` (when SMTP is configured) and notes on each outbox row when it was
 * accepted or why it failed. One failure does not stop the others. Returns how many were sent.
 */
export async function deliverReminders(db: AppDatabase, rows: readonly Reminder[], transport: MailTransport, from: string): Promise<number> {
  let sent = 0;
  for (const row of rows) {
    try {
      await transport.sendMail({ from, to: row.recipient, subject: row.subject, text: row.body });
      db.update(reminders).set({ emailedAt: new Date(), emailError: null }).where(eq(reminders.id, row.id)).run();
      sent += 1;
    } catch (error) {
      db.update(reminders).set({ emailError: error instanceof Error ? error.message.slice(0, 500) : 'Sending failed' }).where(eq(reminders.id, row.id)).run();
    }
  }
  return sent;
}
