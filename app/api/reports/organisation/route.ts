import { z } from 'zod';
import { db } from '@/db';
import { findTeam } from '@/db/queries/teams';
import { quarterlyReportResponse, requestedQuarter } from '@/lib/http/report';
import { handleErrors, HttpError, requireRouteCapability } from '@/lib/http/route';
import { SECTORS } from '@/lib/policy/constants';
import type { ReportScope } from '@/lib/reports';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  sector: z.enum(SECTORS, { error: `sector must be one of ${SECTORS.join(', ')}` }).optional(),
  team: z.coerce.number({ error: 'team must be a team id' }).int('team must be a team id').positive('team must be a team id').optional(),
});

/**
 * GET ?quarter=2026-Q3[&sector=finance][&team=12]: the quarterly PDF of the organisation, a sector or a team,
 * chosen with the same filters as the organisation dashboard. Officers only.
 */
export const GET = handleErrors(async (request: Request) => {
  const user = await requireRouteCapability('export:organisation-report');
  const params = new URL(request.url).searchParams;
  const { sector, team } = querySchema.parse({ sector: params.get('sector') || undefined, team: params.get('team') || undefined });
  let scope: ReportScope = sector ? { kind: 'sector', sector } : { kind: 'organisation' };
  if (team) {
    const found = findTeam(db, { teamId: team });
    if (!found) throw new HttpError(404, 'Not found.');
    if (sector && found.sector !== sector) throw new HttpError(400, `${found.name} is not a ${sector} team: choose it with its own sector or with all sectors.`);
    scope = { kind: 'team', teamId: team };
  }
  const now = new Date();
  return quarterlyReportResponse(db, user, scope, requestedQuarter(db, request, now), now);
});
