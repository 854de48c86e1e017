import type { ReactNode } from 'react';
import { db } from '@/db';
import { findOrganisation } from '@/db/queries/organisation';
import { requireCapability } from '@/lib/auth/guards';
import type { Capability } from '@/lib/auth/roles';
import { AppShell } from './app-shell';

/** Layout of a role's route group: refuses people without `capability`, then frames the page. */
export async function SignedInLayout({ capability, children }: { capability: Capability; children: ReactNode }) {
  const user = await requireCapability(capability);
  const organisation = findOrganisation(db);
  return (
    <AppShell user={user} organisationName={organisation?.name ?? 'Onchannel'}>
      {children}
    </AppShell>
  );
}
