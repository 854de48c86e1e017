/**
 * When the server starts (Node runtime only), before any request: checks the proxy setting (a wrong one fails the
 * start-up with a message naming it), has every request carry its socket's address for the sign-in limits, and
 * applies pending migrations once.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { trustedProxyHops } = await import('./lib/env');
  trustedProxyHops();
  const { stampPeerAddresses } = await import('./lib/http/peer-address');
  stampPeerAddresses();
  const { migrateDatabase, openDatabase, resolveDatabasePath } = await import('./db/connection');
  const db = openDatabase(resolveDatabasePath());
  try {
    migrateDatabase(db);
  } finally {
    db.$client.close();
  }
}
