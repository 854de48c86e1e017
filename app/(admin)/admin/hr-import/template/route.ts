import { toCsv } from '@/lib/csv/write';
import { csvResponse, handleErrors, requireRouteCapability } from '@/lib/http/route';
import { hrTemplateRows } from '@/lib/import/hr';

export const dynamic = 'force-dynamic';

/** The HR import template: header row and example rows. Administrators only. */
export const GET = handleErrors(async () => {
  await requireRouteCapability('manage:users');
  const { headers, rows } = hrTemplateRows();
  return csvResponse('onchannel-people-template.csv', toCsv(headers, rows));
});
