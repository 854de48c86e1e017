import { z } from 'zod';
import { db } from '@/db';
import { canViewTeam } from '@/lib/auth/roles';
import { quarterlyReportResponse, requestedQuarter } from '@/lib/http/report';
import { handleErrors, HttpError, requireRouteCapability } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ teamId: z.coerce.number().int().positive() });

/**
 * GET ?quarter=2026-Q3: the team's quarterly PDF (the current quarter by default). Managers only for the
 * teams they manage, officers for any: another team is 404 and nothing is generated or recorded.
 */
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ teamId: string }> }) => {
  const user = await requireRouteCapability('export:team-report');
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success || !canViewTeam(user, parsed.data.teamId)) throw new HttpError(404, 'Not found.');
  const now = new Date();
  const quarter = requestedQuarter(db, request, now);
  return quarterlyReportResponse(db, user, { kind: 'team', teamId: parsed.data.teamId }, quarter, now);
});
