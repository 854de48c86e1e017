/**
 * `npm run retention`: erases the personal data of people who left (were deactivated) longer ago than the
 * organisation's retention period (Settings → records kept for N years), and audits it. Idempotent: schedule it
 * daily beside `npm run reminders`.
 */
import { purgeDepartedPeople } from './commands/retention';
import { migrateDatabase, openDatabase, resolveDatabasePath } from './connection';

const db = openDatabase(resolveDatabasePath());
migrateDatabase(db);
const outcome = purgeDepartedPeople(db, { now: new Date(), actorId: null });
db.$client.close();
console.log(
  outcome.purged === 0
    ? 'Retention: nobody is due (no one left more than the retention period ago who is not purged already).'
    : `Retention: purged ${outcome.purged} people who left before ${outcome.cutoff.toISOString().slice(0, 10)} (${outcome.retentionYears} years), and ${outcome.devices} devices.`,
);
