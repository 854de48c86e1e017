import { db } from '@/db';
import { teamArchiveResponse } from '@/lib/http/report';
import { handleErrors, requireRouteCapability } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** GET: a ZIP of every team's quarterly PDF for the current quarter and the three before it. Officers only. */
export const GET = handleErrors(async () => {
  const user = await requireRouteCapability('export:organisation-report');
  return teamArchiveResponse(db, user, new Date());
});
