/**
 * First step of `npm start`: migrates the database, seeds the demo organisation if the database is new,
 * brings the daily score snapshots up to today, makes sure a session secret exists, and prints the demo sign-ins.
 */
import { resolveAuthSecret } from '@/lib/env';
import { openDatabase, resolveDatabasePath } from './connection';
import { printDemoAccounts, seedFile } from './seed/index';
import { catchUpSnapshots } from './snapshots';

const file = resolveDatabasePath();
const seeded = seedFile(file, { size: 'demo', asOf: new Date(), reset: false });
if (!seeded) console.log(`Using the existing database at ${file}`);
const db = openDatabase(file);
const snapshots = catchUpSnapshots(db, new Date());
db.$client.close();
if (snapshots) console.log(`Score snapshots up to date: ${snapshots.from} … ${snapshots.to}.`);
resolveAuthSecret();
printDemoAccounts();
