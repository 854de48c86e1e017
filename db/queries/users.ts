import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '@/lib/auth/roles';
import type { AppDatabase } from '../connection';
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

/** The active person behind a session, with their team scope; null when unknown or deactivated. */
export function loadSessionUser(db: AppDatabase, { userId }: { userId: number }): SessionUser | null {
  const user = db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .get();
  if (!user) return null;
  const memberTeamIds = db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), isNull(teamMembers.leftAt)))
    .all()
    .map((row) => row.teamId);
  const managedTeamIds = db
    .select({ teamId: teamManagers.teamId })
    .from(teamManagers)
    .where(and(eq(teamManagers.userId, userId), isNull(teamManagers.until)))
    .all()
    .map((row) => row.teamId);
  return { ...user, memberTeamIds, managedTeamIds };
}

/** The active account linked to an SSO subject (users.sso_subject), for turning an SSO sign-in into a session. */
export function findActiveUserIdBySsoSubject(db: AppDatabase, { subject }: { subject: string }): number | null {
  return db.select({ id: users.id }).from(users).where(and(eq(users.ssoSubject, subject), eq(users.active, true))).get()?.id ?? null;
}
