import { db } from '@/db';
import { recordExport } from '@/db/commands/exports';
import { exportPersonalData } from '@/db/queries/personal-data';
import { HttpError, handleErrors, requireRouteCapability } from '@/lib/http/route';
import { dayKey } from '@/lib/time';

/** "Download my data": everything stored about the signed-in person, as a JSON file. Only ever their own; audited. */
export const GET = handleErrors(async () => {
  const user = await requireRouteCapability('view:own');
  const asOf = new Date();
  const data = exportPersonalData(db, { userId: user.id, asOf });
  if (!data) throw new HttpError(404, 'Not found.');
  const body = JSON.stringify(data, null, 2);
  recordExport(db, user, { action: 'personal-data.export', targetType: 'user', targetId: user.id, summary: { bytes: Buffer.byteLength(body) } });
  return new Response(body, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="onchannel-my-data-${dayKey(asOf)}.json"`,
      'cache-control': 'no-store',
    },
  });
});
