import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDatabase } from '../connection';
import { prepareOnce } from '../prepared';
import { apiTokens, organisation, users } from '../schema';

const organisationRow = (db: AppDatabase) =>
  db
    .select({
      name: organisation.name,
      fiscalYearStartMonth: organisation.fiscalYearStartMonth,
      sectorsInUse: organisation.sectorsInUse,
      reminderLeadDays: organisation.reminderLeadDays,
      reminderIntervalDays: organisation.reminderIntervalDays,
      retentionYears: organisation.retentionYears,
    })
    .from(organisation)
    .where(eq(organisation.id, 1))
    .prepare();

/** The organisation's settings row, or null before seeding. Read by every signed-in page's layout. */
export function findOrganisation(db: AppDatabase) {
  return prepareOnce(db, organisationRow).get() ?? null;
}

/** Number of people per role, active and deactivated. */
export function countPeopleByRole(db: AppDatabase) {
  return db
    .select({ role: users.role, active: users.active, count: sql<number>`count(*)` })
    .from(users)
    .groupBy(users.role, users.active)
    .all();
}

/** Officers and administrators: the people who can change how the product behaves. */
export function listPrivilegedPeople(db: AppDatabase) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
    .from(users)
    .where(inArray(users.role, ['officer', 'admin']))
    .orderBy(asc(users.role), asc(users.name))
    .all();
}

/** API tokens without their hashes: name, prefix, scopes and use. */
export function listApiTokens(db: AppDatabase) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      tokenPrefix: apiTokens.tokenPrefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt))
    .all();
}
