/**
 * `npm run reminders`: queues today's "due soon" and "overdue" attestation reminders into the outbox and, when
 * SMTP_URL is set, e-mails them (MAIL_FROM is the sender; APP_URL the address links point to). Idempotent within
 * a day: nobody gets a second reminder the same UTC day. Schedule it daily.
 */
import { appBaseUrl, mailFromEnv } from '@/lib/mail/transport';
import { deliverReminders, queueDueReminders } from './commands/reminders';
import { migrateDatabase, openDatabase, resolveDatabasePath } from './connection';

async function main(): Promise<void> {
  const db = openDatabase(resolveDatabasePath());
  migrateDatabase(db);
  const queued = queueDueReminders(db, { baseUrl: appBaseUrl() });
  const mail = mailFromEnv();
  const sent = mail ? await deliverReminders(db, queued, mail.transport, mail.from) : 0;
  mail?.transport.close();
  db.$client.close();
  console.log(`Reminders: ${queued.length} queued in the outbox, ${mail ? `${sent} e-mailed` : 'not e-mailed (SMTP_URL is not set)'}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
