import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/dashboard/breadcrumbs';
import { PersonEvidence } from '@/components/dashboard/person-evidence';
import { parametersInForce } from '@/db/queries/policy';
import { TrendPanel } from '@/components/dashboard/trend-panel';
import { ScoreWithBand } from '@/components/scores/band-badge';
import { Card, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Findings } from '@/components/scores/findings';
import { db } from '@/db';
import { listOwnAttestations } from '@/db/queries/attestations';
import { listOwnDevices } from '@/db/queries/devices';
import { findPersonInScope, personScoreHistory } from '@/db/queries/people';
import { scorePerson } from '@/db/queries/scores';
import { requireCapability } from '@/lib/auth/guards';
import { can, teamScope } from '@/lib/auth/roles';
import { plural } from '@/lib/policy/evidence';

export const metadata: Metadata = { title: 'Person' };

/**
 * One person's standing and the evidence behind every finding: rule results with reasons, devices and
 * attestations. Officers may open anyone; managers only members of the teams they manage; staff never.
 */
export default async function PersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { userId: raw } = await params;
  const userId = Number(raw);
  if (!Number.isInteger(userId) || userId <= 0) notFound();
  const user = await requireCapability('view:team');
  const person = findPersonInScope(db, { userId, scope: teamScope(user) });
  if (!person) notFound();
  const asOf = new Date();
  const visible = new Set(person.teams.map((t) => t.id));
  const standings = scorePerson(db, { userId, asOf }).filter((s) => visible.has(s.teamId));
  const devices = listOwnDevices(db, { userId });
  const attestations = listOwnAttestations(db, { userId });
  const history = personScoreHistory(db, { userId, asOf });
  const { team: wanted } = await searchParams;
  const viaTeam = person.teams.find((t) => String(t.id) === wanted) ?? person.teams[0];
  const home = can(user.role, 'view:organisation') ? { href: '/organisation', label: 'Organisation' } : { href: '/teams', label: 'My teams' };

  return (
    <>
      <Breadcrumbs trail={[home, ...(viaTeam ? [{ href: `/teams/${viaTeam.id}`, label: viaTeam.name }] : []), { label: person.name }]} />
      <PageHeader
        title={person.name}
        description={`${person.jobTitle ?? 'No job title'} · ${person.email}${person.active ? '' : ' · deactivated'}`}
      />
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {standings.length === 0 ? <Stat label="Score" value="Not scored" detail="Only current team members are scored." /> : null}
        {standings.map((s) => (
          <Stat
            key={s.teamId}
            label={`Score in ${person.teams.find((t) => t.id === s.teamId)?.name ?? 'team'}`}
            value={<ScoreWithBand score={s.personScore.score} band={s.personScore.band} />}
            detail={`${plural(s.personScore.counts.fail, 'finding')}, ${s.personScore.counts.waived} waived`}
          />
        ))}
        <Stat label="Devices in service" value={devices.length} />
        <Stat label="Attestations signed" value={attestations.length} />
      </dl>

      {standings.map((s) => {
        const team = person.teams.find((t) => t.id === s.teamId)!;
        return (
          <Card key={s.teamId} title={`Findings in ${team.name}`} className="mb-8">
            <Findings results={s.results} sector={team.sector} />
          </Card>
        );
      })}

      <TrendPanel
        title="Score over the last 12 months"
        description="Computed from the evidence on the 1st of each month and today, one line per team."
        trend={history}
        dots
      />

      <PersonEvidence
        devices={devices}
        attestations={attestations}
        asOf={asOf}
        staleDays={parametersInForce(db, { teamId: viaTeam?.id ?? null, asOf }).staleDeviceDays}
      />
    </>
  );
}
