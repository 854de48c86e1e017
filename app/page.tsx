import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/guards';
import { homePathFor } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

/** Sends each person to their role's home, or to sign in. */
export default async function Home() {
  const user = await getSessionUser();
  redirect(user ? homePathFor(user.role) : '/signin');
}
