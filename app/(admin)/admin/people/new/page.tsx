import type { Metadata } from 'next';
import Link from 'next/link';
import { CreatePersonForm } from '@/components/admin/person-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { listPolicyTeams } from '@/db/queries/policy';
import { requireCapability } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'New person' };

export default async function NewPersonPage() {
  await requireCapability('manage:users');
  const teams = listPolicyTeams(db).map((t) => ({ id: t.id, name: t.name }));
  return (
    <>
      <PageHeader
        title="New person"
        description="Give a password only to someone who will sign in with one; people who use single sign-on need none."
        actions={<Link href="/admin/people" className="text-sm text-indigo-700 underline">All people</Link>}
      />
      <Card>
        <CreatePersonForm teams={teams} />
      </Card>
    </>
  );
}
