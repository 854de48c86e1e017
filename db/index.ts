import 'server-only';
import { openDatabase, resolveDatabasePath, type AppDatabase } from './connection';

const globalForDb = globalThis as unknown as { onchannelDb?: AppDatabase };

/** The app's one database handle, opened on first use and shared across hot reloads. */
export const db: AppDatabase = globalForDb.onchannelDb ?? openDatabase(resolveDatabasePath());
globalForDb.onchannelDb = db;
