import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Cell, DataTable } from '@/components/ui/table';
import { ScoreWithBand } from '@/components/scores/band-badge';
import type { SnapshotFigures } from '@/db/queries/scores';
import type { TeamSummary } from '@/db/queries/teams';
import { capitalise, formatShare } from '@/lib/format';

/**
 * Teams with their people and devices and, when `period` is given, completion of that campaign.
 * Names link to the team page when `linkToTeam` (the viewer may open it).
 */
export function TeamSummaryTable({
  teams,
  caption,
  period,
  linkToTeam = true,
  figures,
}: {
  teams: readonly TeamSummary[];
  caption: string;
  period: string | null;
  linkToTeam?: boolean;
  /** Today's score snapshot per team, when scores are to be shown. */
  figures?: ReadonlyMap<number, SnapshotFigures>;
}) {
  const headers = [
    'Team',
    'Sector',
    ...(figures ? ['Score', 'High risk'] : []),
    'Managers',
    'Members',
    'Devices',
    ...(period ? [`${period} attested`] : []),
  ];
  return (
    <DataTable caption={caption} headers={headers}>
      {teams.map((team) => (
        <tr key={team.id}>
          <Cell>
            {linkToTeam ? (
              <Link href={`/teams/${team.id}`} className="font-medium text-indigo-800 underline-offset-2 hover:underline">
                {team.name}
              </Link>
            ) : (
              <span className="font-medium">{team.name}</span>
            )}
          </Cell>
          <Cell>
            <Badge tone="info">{capitalise(team.sector)}</Badge>
          </Cell>
          {figures ? (
            <>
              <Cell>
                <ScoreWithBand score={figures.get(team.id)?.score ?? null} band={figures.get(team.id)?.band ?? null} />
              </Cell>
              <Cell className="tabular-nums">{figures.get(team.id)?.highRisk ?? '—'}</Cell>
            </>
          ) : null}
          <Cell>{team.managers.length > 0 ? team.managers.join(', ') : '—'}</Cell>
          <Cell className="tabular-nums">{team.members}</Cell>
          <Cell className="tabular-nums">{team.devices}</Cell>
          {period ? <Cell className="whitespace-nowrap tabular-nums">{formatShare(team.attested, team.members)}</Cell> : null}
        </tr>
      ))}
    </DataTable>
  );
}
