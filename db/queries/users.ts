import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '@/lib/auth/roles';
import type { AppDatabase } from '../connection';
import { prepareOnce } from '../prepared';
import { teamManagers, teamMembers, users } from '../schema';

/** The signed-in person as every guard sees them, read fresh from the database on each request. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Teams the person currently belongs to. */
  memberTeamIds: number[];
  /** Teams the person manages now. */
  managedTeamIds: number[];
}

/** Credentials of an active account, for sign-in only. */
export function findSignInCredentials(db: AppDatabase, { email }: { email: string }) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.active, true)))
    .get();
}

const activeUser = (db: AppDatabase) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.id, sql.placeholder('userId')), eq(users.active, true)))
    .prepare();
const memberTeams = (db: AppDatabase) =>
  db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, sql.placeholder('userId')), isNull(teamMembers.leftAt)))
    .prepare();
const managedTeams = (db: AppDatabase) =>
  db
    .select({ teamId: teamManagers.teamId })
    .from(teamManagers)
    .where(and(eq(teamManagers.userId, sql.placeholder('userId')), isNull(teamManagers.until)))
    .prepare();

/** The active person behind a session, with their team scope; null when unknown or deactivated. Runs on every request. */
export function loadSessionUser(db: AppDatabase, { userId }: { userId: number }): SessionUser | null {
  const user = prepareOnce(db, activeUser).get({ userId });
  if (!user) return null;
  const memberTeamIds = prepareOnce(db, memberTeams).all({ userId }).map((row) => row.teamId);
  const managedTeamIds = prepareOnce(db, managedTeams).all({ userId }).map((row) => row.teamId);
  return { ...user, memberTeamIds, managedTeamIds };
}

/** The active account linked to an SSO subject (users.sso_subject), for turning an SSO sign-in into a session. */
export function findActiveUserIdBySsoSubject(db: AppDatabase, { subject }: { subject: string }): number | null {
  return db.select({ id: users.id }).from(users).where(and(eq(users.ssoSubject, subject), eq(users.active, true))).get()?.id ?? null;
}

/** A person's account as stored, without secrets: whether they have a password or an SSO link, never the hash or subject. */
export interface PersonProfile {
  id: number;
  email: string;
  name: string;
  role: Role;
  jobTitle: string | null;
  active: boolean;
  deactivatedAt: Date | null;
  createdAt: Date;
  hasPassword: boolean;
  signsInWithSso: boolean;
}

/** The account of `userId`, or null. */
export function findPersonProfile(db: AppDatabase, { userId }: { userId: number }): PersonProfile | null {
  const row = db.$client
    .prepare(
      `SELECT id, email, name, role, job_title AS jobTitle, active, deactivated_at AS deactivatedAt, created_at AS createdAt,
         password_hash IS NOT NULL AS hasPassword, sso_subject IS NOT NULL AS signsInWithSso FROM users WHERE id = ?`,
    )
    .get(userId) as
    | (Omit<PersonProfile, 'active' | 'deactivatedAt' | 'createdAt' | 'hasPassword' | 'signsInWithSso'> & {
        active: number;
        deactivatedAt: number | null;
        createdAt: number;
        hasPassword: number;
        signsInWithSso: number;
      })
    | undefined;
  if (!row) return null;
  return {
    ...row,
    active: row.active === 1,
    deactivatedAt: row.deactivatedAt === null ? null : new Date(row.deactivatedAt),
    createdAt: new Date(row.createdAt),
    hasPassword: row.hasPassword === 1,
    signsInWithSso: row.signsInWithSso === 1,
  };
}
