import { DEFAULT_FACTS, type AppRecord, type DeviceFacts, type DeviceRecord, type ImportFormat, type RowError } from '@/lib/import/types';
import type { ActionFailure } from '@/lib/validation/action-result';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';
import { deviceVersionStatements, stateKey, type DeviceState } from './device-versions';

/** A batch of normalised device records from a file or the API, with what the file itself said. */
export interface DeviceBatch {
  source: 'csv' | 'api';
  format: ImportFormat;
  fileName: string | null;
  fileSha256: string | null;
  /** Data rows in the file (or records in the request). */
  rowsRead: number;
  records: readonly DeviceRecord[];
  /** Rows already refused while reading the file. */
  rowErrors: readonly RowError[];
  /** The API token that sent the batch, for the audit entry. */
  tokenId?: number;
}

/** What applying a batch did. */
export type ApplyResult =
  | { ok: true; importId: number; created: number; updated: number; unchanged: number; rejected: number; rowErrors: RowError[] }
  | (ActionFailure & { rowErrors?: RowError[] });

const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

function mergeApps(current: readonly AppRecord[], found: readonly AppRecord[]): AppRecord[] {
  const apps = new Map(current.map((a) => [a.app, a] as const));
  for (const a of found) {
    const known = apps.get(a.app);
    apps.set(a.app, known ? { ...known, appVersion: a.appVersion ?? known.appVersion } : a);
  }
  return [...apps.values()];
}

/**
 * Applies a batch in ONE immediate transaction with prepared statements: each record's owner is matched
 * by e-mail/UPN (case-insensitive, active people only), its device by external id. A new device is
 * created; an existing one gets a new version only when a fact or an app differs from its current version
 * (so re-applying the same batch changes nothing). Records for an unknown person, a retired device, a
 * device recorded for someone else, or (app-only records) a device not on record are refused as row
 * errors. The import is recorded in `imports` and audited. When no record can be applied, nothing at all
 * is written and the failure lists the row errors. `dryRun`: everything is done and then rolled back, so
 * that a preview shows exactly what applying would do (the result's importId is then 0).
 */
export function applyDeviceBatch(
  db: AppDatabase,
  actor: Actor,
  batch: DeviceBatch,
  { now = new Date(), dryRun = false }: CommandOptions & { dryRun?: boolean } = {},
): ApplyResult {
  const sqlite = db.$client;
  const owners = new Map(
    (sqlite.prepare('SELECT id, lower(email) AS email FROM users WHERE active = 1').all() as { id: number; email: string }[]).map((u) => [u.email, u.id] as const),
  );
  const findDevice = sqlite.prepare<[string], { id: number; owner_id: number; retired_at: number | null }>(
    'SELECT id, owner_id, retired_at FROM devices WHERE external_id = ?',
  );
  const insertDevice = sqlite.prepare('INSERT INTO devices (owner_id, external_id, source, created_at) VALUES (?, ?, ?, ?)');

  const run = (): ApplyResult => {
    const versions = deviceVersionStatements(sqlite);
    const rowErrors: RowError[] = [...batch.rowErrors];
    const importId = Number(
      sqlite
        .prepare('INSERT INTO imports (actor_id, format, file_name, file_sha256, rows_read, started_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(actor.id, batch.format, batch.fileName, batch.fileSha256, batch.rowsRead, now.getTime()).lastInsertRowid,
    );
    const meta = { now, source: batch.source, importId, recordedBy: actor.id };
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const record of batch.records) {
      const refuse = (column: string, reason: string) => rowErrors.push({ row: record.row, column, reason });
      const ownerId = owners.get(record.ownerEmail);
      if (ownerId === undefined) {
        refuse('owner', `No active person has the e-mail ${record.ownerEmail}.`);
        continue;
      }
      const device = findDevice.get(record.externalId);
      if (device?.retired_at != null) {
        refuse('external_id', `Device ${record.externalId} has been retired.`);
        continue;
      }
      if (device && device.owner_id !== ownerId) {
        refuse('owner', `Device ${record.externalId} is recorded for another person; retire it there first.`);
        continue;
      }
      const current = device ? versions.current(device.id) : null;
      if (!current && record.facts === null) {
        refuse('external_id', `Device ${record.externalId} is not in the inventory: import the devices export first.`);
        continue;
      }
      const base = current?.facts ?? (DEFAULT_FACTS as DeviceFacts);
      const facts = { ...base, ...defined(record.facts ?? {}) } as DeviceFacts;
      if (!facts.model || !facts.os || !facts.osVersion || !facts.kind) {
        refuse('', 'A new device needs its model, kind, operating system and version.');
        continue;
      }
      const currentApps = current?.apps ?? [];
      const apps = record.apps === null ? currentApps : record.appsMerge ? mergeApps(currentApps, record.apps) : record.apps;
      const next: DeviceState = { facts, apps };
      if (current && stateKey(current) === stateKey(next)) {
        counts.unchanged += 1;
        continue;
      }
      const deviceId = device ? device.id : Number(insertDevice.run(ownerId, record.externalId, batch.source, now.getTime()).lastInsertRowid);
      versions.write(deviceId, current?.versionId ?? null, next, meta);
      counts[device ? 'updated' : 'created'] += 1;
    }
    const accepted = counts.created + counts.updated + counts.unchanged;
    const rejected = batch.rowsRead - accepted;
    if (accepted === 0) throw new NothingApplied(rowErrors);
    rowErrors.sort((a, b) => a.row - b.row);
    sqlite
      .prepare('UPDATE imports SET rows_accepted = ?, rows_rejected = ?, row_errors = ?, finished_at = ? WHERE id = ?')
      .run(accepted, Math.max(rejected, 0), JSON.stringify(rowErrors), now.getTime(), importId);
    return { ok: true, importId, ...counts, rejected: Math.max(rejected, 0), rowErrors };
  };

  try {
    return db.transaction(
      (tx) => {
        const result = run();
        if (result.ok) {
          appendAuditEntry(tx, {
            actorId: actor.id,
            action: 'devices.import',
            targetType: 'import',
            targetId: result.importId,
            at: now,
            summary: { source: batch.source, viaTokenId: batch.tokenId ?? null, format: batch.format, fileName: batch.fileName, rowsRead: batch.rowsRead, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected },
          });
        }
        if (dryRun) throw new DryRun(result);
        return result;
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    if (error instanceof NothingApplied) return nothingApplied(error.rowErrors);
    if (error instanceof DryRun) return error.result.ok ? { ...error.result, importId: 0 } : error.result;
    throw error;
  }
}

/** Thrown inside the transaction to roll it back when no record could be applied. */
class NothingApplied extends Error {
  constructor(readonly rowErrors: RowError[]) {
    super('No record could be applied');
  }
}

/** Thrown inside the transaction to roll back a dry run, carrying what it would have done. */
class DryRun extends Error {
  constructor(readonly result: ApplyResult) {
    super('Dry run');
  }
}

function nothingApplied(rowErrors: RowError[]): ActionFailure & { rowErrors: RowError[] } {
  return { ok: false, error: 'No row could be imported, so nothing was changed.', rowErrors: [...rowErrors].sort((a, b) => a.row - b.row) };
}
