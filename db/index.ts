import 'server-only';
import { startOfUtcDay } from '@/lib/time';
import { openDatabase, resolveDatabasePath, type AppDatabase } from './connection';
import { markSnapshotsStale } from './snapshots';

const globalForDb = globalThis as unknown as { onchannelDb?: AppDatabase };

function openAppDatabase(): AppDatabase {
  const opened = openDatabase(resolveDatabasePath());
  // Changes mark the daily figures stale in memory (see refreshScoresFrom): a process that stopped before
  // recomputing them took the mark along, so today's figures are recomputed once by the first page that reads them.
  markSnapshotsStale(opened, startOfUtcDay(new Date()));
  return opened;
}

/** The app's one database handle, opened on first use and shared across hot reloads. */
export const db: AppDatabase = globalForDb.onchannelDb ?? openAppDatabase();
globalForDb.onchannelDb = db;
