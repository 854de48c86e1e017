import { db } from '@/db';
import { checkApiToken } from '@/db/commands/api-tokens';
import { applyDeviceBatch } from '@/db/commands/devices';
import { listDevicesForApi } from '@/db/queries/devices';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { handleErrors, HttpError } from '@/lib/http/route';
import type { TokenScope } from '@/lib/validation/api-tokens';
import { API_MAX_BODY_BYTES, apiDeviceBatchSchema, apiDeviceListQuerySchema, apiDevicesToRecords } from '@/lib/validation/api-devices';

export const dynamic = 'force-dynamic';

/** The token of `Authorization: Bearer <token>` holding `scope`; 401 when missing, unknown, revoked or expired, 403 without the scope. */
function authorise(request: Request, scope: TokenScope): { tokenId: number; actorId: number } {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) throw new HttpError(401, 'Send the API token as "Authorization: Bearer <token>".');
  const check = checkApiToken(db, match[1]!, scope);
  if (!check.ok) throw new HttpError(check.status, check.error);
  return check;
}

/** GET /api/v1/devices?limit=&after=: devices in service, in id order; `next` is the cursor of the following page. */
export const GET = handleErrors(async (request: Request) => {
  authorise(request, 'devices:read');
  const url = new URL(request.url);
  const query = apiDeviceListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const devices = listDevicesForApi(db, { afterId: query.after, limit: query.limit });
  const next = devices.length === query.limit ? devices.at(-1)!.id : null;
  return Response.json({ devices, next }, { headers: { 'cache-control': 'no-store' } });
});

/**
 * POST /api/v1/devices: a batch upsert of up to 500 devices, through the same core as CSV imports (one
 * transaction, re-sending the same batch changes nothing). 200 with counts and row errors; 422 when no
 * device could be applied (nothing written); 400 for a body that is not valid.
 */
export const POST = handleErrors(async (request: Request) => {
  const token = authorise(request, 'devices:write');
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > API_MAX_BODY_BYTES) throw new HttpError(413, `The body is over ${API_MAX_BODY_BYTES / 1048576} MB: send smaller batches.`);
  const text = await request.text();
  if (text.length > API_MAX_BODY_BYTES) throw new HttpError(413, `The body is over ${API_MAX_BODY_BYTES / 1048576} MB: send smaller batches.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body is not JSON.');
  }
  const { devices } = apiDeviceBatchSchema.parse(body);
  const now = new Date();
  const result = applyDeviceBatch(
    db,
    { id: token.actorId },
    { source: 'api', format: 'api', fileName: null, fileSha256: null, rowsRead: devices.length, records: apiDevicesToRecords(devices), rowErrors: [], tokenId: token.tokenId },
    { now },
  );
  if (!result.ok) return Response.json({ error: result.error, errors: result.rowErrors ?? [] }, { status: 422 });
  if (result.created + result.updated > 0) refreshScoresFrom(now);
  const { importId, created, updated, unchanged, rejected, rowErrors } = result;
  return Response.json({ importId, created, updated, unchanged, rejected, errors: rowErrors });
});
