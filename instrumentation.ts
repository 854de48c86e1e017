/** Applies pending migrations once when the server starts (Node runtime only), before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { migrateDatabase, openDatabase, resolveDatabasePath } = await import('./db/connection');
  const db = openDatabase(resolveDatabasePath());
  try {
    migrateDatabase(db);
  } finally {
    db.$client.close();
  }
}
