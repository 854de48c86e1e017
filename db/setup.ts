/**
 * First step of `npm start`: migrates the database, seeds the demo organisation if the database is new,
 * makes sure a session secret exists, and prints the demo sign-ins.
 */
import { resolveAuthSecret } from '@/lib/env';
import { resolveDatabasePath } from './connection';
import { printDemoAccounts, seedFile } from './seed/index';

const file = resolveDatabasePath();
const seeded = seedFile(file, { size: 'demo', asOf: new Date(), reset: false });
if (!seeded) console.log(`Using the existing database at ${file}`);
resolveAuthSecret();
printDemoAccounts();
