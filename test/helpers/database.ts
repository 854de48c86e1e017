import { migrateDatabase, openDatabase, type AppDatabase } from '@/db/connection';
import { loadSessionUser, type SessionUser } from '@/db/queries/users';
import { seedDatabase, type SeedSize } from '@/db/seed/seed';

/** bcrypt hash of the demo password, computed once for all tests (cost 4: tests need no slow hashing). */
export const TEST_PASSWORD_HASH = '$2b$04$vB6HtD17LfzLUErRwRL1LOMMXGT87CJ9AS/28bN/BYBes/hIR0KvC';

/** The fixed day the test organisation is seeded as of, so that expectations do not move with the calendar. */
export const TEST_AS_OF = new Date('2026-11-23T12:00:00Z');

/** A fresh in-memory database with every migration applied. */
export function createTestDatabase(): AppDatabase {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  return db;
}

/** A fresh database holding a seeded organisation (small by default). */
export function createSeededDatabase(size: SeedSize = 'small'): AppDatabase {
  const db = createTestDatabase();
  seedDatabase(db.$client, { size, asOf: TEST_AS_OF, passwordHash: TEST_PASSWORD_HASH });
  return db;
}

/** The signed-in person with `email` as the guards see them (role and team scope from the database). */
export function sessionUserByEmail(db: AppDatabase, email: string): SessionUser {
  const row = db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number } | undefined;
  const user = row ? loadSessionUser(db, { userId: row.id }) : null;
  if (!user) throw new Error(`No active person with the e-mail ${email} in the test database`);
  return user;
}
