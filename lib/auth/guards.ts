import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/db';
import { loadSessionUser, type SessionUser } from '@/db/queries/users';
import { authOptions } from './options';
import { can, canViewTeam, type Capability } from './roles';
import { sessionUserId } from './session-token';

/** The signed-in, active person, read from the database once per request; null when signed out. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // The session JWT carries only the user id (see authOptions' callbacks): role and scope come from the database.
  const userId = await sessionUserId(authOptions().secret!);
  return userId === null ? null : loadSessionUser(db, { userId });
});

/** For pages: the signed-in person, or a redirect to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/signin');
  return user;
}

/** For pages: the signed-in person holding `capability`; anyone else gets the not-found page, which leaks nothing. */
export async function requireCapability(capability: Capability): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, capability)) notFound();
  return user;
}

/** For pages: a person who may see team `teamId` (officers: any; managers: their own). */
export async function requireTeamAccess(teamId: number): Promise<SessionUser> {
  const user = await requireCapability('view:team');
  if (!canViewTeam(user, teamId)) notFound();
  return user;
}
