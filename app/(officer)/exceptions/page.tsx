import type { Metadata } from 'next';
import Link from 'next/link';
import { ExceptionTable } from '@/components/exceptions/exception-table';
import { GrantExceptionForm, type RuleGroup } from '@/components/exceptions/grant-exception-form';
import { Card, EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { listExceptions } from '@/db/queries/exceptions';
import { listPolicyTeams } from '@/db/queries/policy';
import { requireCapability } from '@/lib/auth/guards';
import { capitalise } from '@/lib/format';
import { POLICY_PACKS, SECTORS } from '@/lib/policy';
import { dayKey, startOfUtcDay } from '@/lib/time';
import { addUtcYears } from '@/lib/validation/dates';
import { EXCEPTION_MAX_YEARS } from '@/lib/validation/exceptions';

export const metadata: Metadata = { title: 'Exceptions' };

/** Each sector's own rules, then the rules every pack shares. */
const RULE_GROUPS: RuleGroup[] = [
  ...SECTORS.map((sector) => ({
    label: `${capitalise(sector)} pack`,
    rules: POLICY_PACKS[sector].rules.filter((r) => !r.id.startsWith('X')).map(({ id, title }) => ({ id, title })),
  })),
  { label: 'Every pack', rules: POLICY_PACKS.law.rules.filter((r) => r.id.startsWith('X')).map(({ id, title }) => ({ id, title })) },
];

const FILTERS = [
  { value: 'active', label: 'In force' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'all', label: 'All' },
] as const;

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCapability('manage:exceptions');
  const { show } = await searchParams;
  const filter = FILTERS.find((f) => f.value === show)?.value ?? 'active';
  const now = new Date();
  const today = startOfUtcDay(now);
  const rows = listExceptions(db, { asOf: now, filter });
  const teams = listPolicyTeams(db).map((t) => ({ id: t.id, name: t.name, pack: capitalise(t.policyPackId) }));

  return (
    <>
      <PageHeader
        title="Exceptions"
        description="Time-bound waivers of one rule for one person or one team. A waived rule counts as met while the exception is in force; every grant and revocation is audited."
      />
      <Card title="Exceptions" className="mb-8">
        <nav aria-label="Filter exceptions" className="mb-4 flex gap-2 text-sm">
          {FILTERS.map((f) => (
            <Link
              key={f.value}
              href={`/exceptions?show=${f.value}`}
              aria-current={filter === f.value ? 'page' : undefined}
              className="rounded-md border border-slate-300 px-3 py-1 font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:border-indigo-700 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-900"
            >
              {f.label}
            </Link>
          ))}
        </nav>
        {rows.length === 0 ? (
          <EmptyState title={filter === 'all' ? 'No exceptions yet' : `No exceptions ${filter === 'active' ? 'in force' : 'scheduled'}`}>
            Grant one below when a rule cannot be met for a while and the risk is mitigated.
          </EmptyState>
        ) : (
          <ExceptionTable rows={rows} caption={`Exceptions: ${FILTERS.find((f) => f.value === filter)?.label.toLowerCase()}`} />
        )}
      </Card>
      <Card title="Grant an exception">
        <GrantExceptionForm
          teams={teams}
          ruleGroups={RULE_GROUPS}
          dates={{ today: dayKey(today), latestExpiry: dayKey(addUtcYears(today, EXCEPTION_MAX_YEARS)) }}
        />
      </Card>
    </>
  );
}
