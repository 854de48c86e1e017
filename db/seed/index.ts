/**
 * Seeds a demo organisation. `npm run db:seed` resets the database first.
 *   tsx db/seed/index.ts [--size small|demo|large] [--reset] [--as-of YYYY-MM-DD] [--history-days N] [--quarters N]
 * Stop the server before a reset: it deletes the database file.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import bcrypt from 'bcryptjs';
import { migrateDatabase, openDatabase, resolveDatabasePath } from '../connection';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SEED_SIZES, seedDatabase, type SeedSize } from './seed';

function parseSize(value: string | undefined): SeedSize {
  const size = value ?? 'demo';
  if (!(SEED_SIZES as readonly string[]).includes(size)) throw new Error(`--size must be one of ${SEED_SIZES.join(', ')}, not "${size}"`);
  return size as SeedSize;
}

function parseAsOf(value: string | undefined): Date {
  if (!value) return new Date();
  const date = new Date(`${value}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`--as-of must be a date like 2026-11-23, not "${value}"`);
  return date;
}

function parsePositive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a whole number above 0, not "${value}"`);
  return number;
}

/** Prints the demo sign-ins, for the console of `npm start`. */
export function printDemoAccounts(): void {
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(8)} ${account.email}`);
}

/** Removes the database and its WAL files. */
export function deleteDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/** Seeds `file` if it has no organisation yet (or always, after `reset`). Returns whether it seeded. */
export function seedFile(
  file: string,
  options: { size: SeedSize; asOf: Date; reset: boolean; historyDays?: number; quarters?: number },
): boolean {
  if (options.reset) deleteDatabaseFiles(file);
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    const seeded = db.$client.prepare('SELECT count(*) AS n FROM organisation').get() as { n: number };
    if (seeded.n > 0) return false;
    const started = performance.now();
    const summary = seedDatabase(db.$client, {
      size: options.size,
      asOf: options.asOf,
      passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 10),
      historyDays: options.historyDays,
      quarters: options.quarters,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Seeded ${options.size} organisation in ${seconds} s: ${summary.teams} teams, ${summary.users} people, ` +
        `${summary.devices} devices (${summary.deviceVersions} versions), ${summary.campaigns} campaigns, ${summary.attestations} attestations.`,
    );
    return true;
  } finally {
    db.$client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'as-of': { type: 'string' },
      'history-days': { type: 'string' },
      quarters: { type: 'string' },
    },
  });
  const file = resolveDatabasePath();
  seedFile(file, {
    size: parseSize(values.size),
    asOf: parseAsOf(values['as-of']),
    reset: values.reset ?? false,
    historyDays: parsePositive('--history-days', values['history-days']),
    quarters: parsePositive('--quarters', values.quarters),
  });
  printDemoAccounts();
}
