import { handleErrors, csvResponse, requireRouteCapability } from '@/lib/http/route';
import { templateRows } from '@/lib/import/template';
import { toCsv } from '@/lib/csv/write';

export const dynamic = 'force-dynamic';

/** The generic import template: header row and two example rows. Officers only. */
export const GET = handleErrors(async () => {
  await requireRouteCapability('import:devices');
  const { headers, rows } = templateRows();
  return csvResponse('onchannel-devices-template.csv', toCsv(headers, rows));
});
