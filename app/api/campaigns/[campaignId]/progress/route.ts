import { z } from 'zod';
import { db } from '@/db';
import { recordExport } from '@/db/commands/exports';
import { findCampaignInScope } from '@/db/queries/campaign-access';
import { campaignProgress, PROGRESS_STATUS_LABELS } from '@/db/queries/campaign-progress';
import { teamScope } from '@/lib/auth/roles';
import { toCsv, csvFileName } from '@/lib/csv/write';
import { csvResponse, handleErrors, HttpError, requireRouteCapability } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ campaignId: z.coerce.number().int().positive() });

/** GET: the campaign's progress per member as CSV, scoped like the page (managers: their teams only). Audited. */
export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ campaignId: string }> }) => {
  const user = await requireRouteCapability('view:team');
  const { campaignId } = paramsSchema.parse(await params);
  const scope = teamScope(user);
  const found = findCampaignInScope(db, { campaignId, scope });
  if (!found) throw new HttpError(404, 'Not found.');
  const { members } = campaignProgress(db, { campaign: found.campaign, scope, asOf: new Date() });
  const csv = toCsv(
    ['Name', 'E-mail', 'Team', 'Status', 'First signed (UTC)', 'Last signed (UTC)', 'Records', 'Contradiction with inventory (X6)'],
    members.map((m) => [m.name, m.email, m.teamName, PROGRESS_STATUS_LABELS[m.status], m.firstSubmittedAt, m.lastSubmittedAt, m.records, m.contradiction]),
  );
  const fileName = csvFileName(found.campaign.period, 'attestation-progress');
  recordExport(db, user, { action: 'campaign.export-progress', targetType: 'campaign', targetId: campaignId, summary: { period: found.campaign.period, rows: members.length, fileName } });
  return csvResponse(fileName, csv);
});
