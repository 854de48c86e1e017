import { DEFAULT_FACTS, type AppRecord, type DeviceFacts, type DeviceRecord, type ImportFormat, type RowError } from '@/lib/import/types';
import type { ActionFailure } from '@/lib/validation/action-result';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';
import { deviceVersionStatements, sameState, type CurrentVersion, type DeviceState } from './device-versions';
import { multiRowInsert } from './multi-row-insert';

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

/** Records applied together: each chunk's devices and current versions are read in a few queries, and its changes written in a few statements. */
const LOOKUP_CHUNK_RECORDS = 500;

/** How a batch is applied: the clock, a dry run (rolled back), and who may still want it. */
export interface ApplyOptions extends CommandOptions {
  dryRun?: boolean;
  /**
   * Asked before each chunk of records and once more just before the commit: true when whoever asked for the
   * batch is gone (the web server of the background process was killed), so that its import is rolled back
   * whole and ImportAbandoned thrown, rather than committed for nobody. Must be cheap: a few microseconds.
   */
  abandoned?: () => boolean;
}

/** Thrown (after the rollback) when `abandoned` said the batch is no longer wanted: nothing of it was written. */
export class ImportAbandoned extends Error {
  constructor() {
    super('The import was abandoned (whoever asked for it has gone) and rolled back: nothing was written.');
  }
}

/** A change decided for a record: a new version of its device (`deviceId` null: a device to create). */
interface Change {
  externalId: string;
  ownerId: number;
  deviceId: number | null;
  previousVersionId: number | null;
  next: DeviceState;
}

/** A device on record, as a batch needs it. */
interface KnownDevice {
  id: number;
  ownerId: number;
  retiredAt: number | null;
}

/** `records` in consecutive chunks of `size`, read once, in order. */
function* chunksOf<T>(records: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const record of records) {
    chunk.push(record);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** `base` with the facts a record states: a fact left undefined keeps its base value. */
function withStatedFacts(base: Partial<DeviceFacts>, stated: Partial<DeviceFacts> | null): Partial<DeviceFacts> {
  const facts: Record<string, unknown> = { ...base };
  for (const key in stated) {
    const value = stated[key as keyof DeviceFacts];
    if (value !== undefined) facts[key] = value;
  }
  return facts as Partial<DeviceFacts>;
}

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
 * that a preview shows exactly what applying would do (the result's importId is then 0). When `abandoned`
 * says yes (see ApplyOptions), everything is rolled back and ImportAbandoned thrown.
 */
export function applyDeviceBatch(
  db: AppDatabase,
  actor: Actor,
  batch: DeviceBatch,
  { now = new Date(), dryRun = false, abandoned = () => false }: ApplyOptions = {},
): ApplyResult {
  const sqlite = db.$client;
  const owners = new Map(
    (sqlite.prepare('SELECT id, lower(email) AS email FROM users WHERE active = 1').all() as { id: number; email: string }[]).map((u) => [u.email, u.id] as const),
  );
  const findDevices = sqlite.prepare<[string], { externalId: string } & KnownDevice>(
    'SELECT id, external_id AS externalId, owner_id AS ownerId, retired_at AS retiredAt FROM devices WHERE external_id IN (SELECT value FROM json_each(?))',
  );
  const insertDevices = multiRowInsert(sqlite, 'devices', ['owner_id', 'external_id', 'source', 'created_at']);

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

    /** What applying `record` takes: a change to write, nothing (null: unchanged), or why it is refused. */
    function decide(record: DeviceRecord, devices: Map<string, KnownDevice>, currents: Map<number, CurrentVersion>): Change | Omit<RowError, 'row'> | null {
      const ownerId = owners.get(record.ownerEmail);
      if (ownerId === undefined) return { column: 'owner', reason: `No active person has the e-mail ${record.ownerEmail}.` };
      const device = devices.get(record.externalId);
      if (device && device.retiredAt !== null) return { column: 'external_id', reason: `Device ${record.externalId} has been retired.` };
      if (device && device.ownerId !== ownerId) return { column: 'owner', reason: `Device ${record.externalId} is recorded for another person; retire it there first.` };
      const current = device ? (currents.get(device.id) ?? null) : null;
      if (!current && record.facts === null) return { column: 'external_id', reason: `Device ${record.externalId} is not in the inventory: import the devices export first.` };
      const facts = withStatedFacts(current?.facts ?? DEFAULT_FACTS, record.facts);
      if (!facts.model || !facts.os || !facts.osVersion || !facts.kind) return { column: '', reason: 'A new device needs its model, kind, operating system and version.' };
      const currentApps = current?.apps ?? [];
      const apps = record.apps === null ? currentApps : record.appsMerge ? mergeApps(currentApps, record.apps) : record.apps;
      const next: DeviceState = { facts: facts as DeviceFacts, apps };
      if (current && sameState(current, next)) {
        counts.unchanged += 1;
        return null;
      }
      counts[device ? 'updated' : 'created'] += 1;
      return { externalId: record.externalId, ownerId, deviceId: device?.id ?? null, previousVersionId: current?.versionId ?? null, next };
    }

    /** Writes `changes` (new devices first, then the versions, several rows to a statement) and records them in `devices` and `currents`. */
    function write(changes: readonly Change[], devices: Map<string, KnownDevice>, currents: Map<number, CurrentVersion>): void {
      const created = changes.filter((c) => c.deviceId === null);
      const createdIds = insertDevices(created.map((c) => [c.ownerId, c.externalId, batch.source, now.getTime()]));
      created.forEach((c, i) => devices.set(c.externalId, { id: createdIds[i]!, ownerId: c.ownerId, retiredAt: null }));
      const writes = changes.map((c) => ({ deviceId: c.deviceId ?? devices.get(c.externalId)!.id, previousVersionId: c.previousVersionId, state: c.next }));
      const versionIds = versions.writeMany(writes, meta);
      writes.forEach((w, i) => currents.set(w.deviceId, { versionId: versionIds[i]!, ...w.state }));
    }

    for (const chunk of chunksOf(batch.records, LOOKUP_CHUNK_RECORDS)) {
      if (abandoned()) throw new ImportAbandoned();
      // Kept up to date as changes are written: a device may come twice in one batch.
      const devices = new Map(findDevices.all(JSON.stringify(chunk.map((r) => r.externalId))).map((d) => [d.externalId, d as KnownDevice] as const));
      const currents = versions.currentOf([...devices.values()].map((d) => d.id));
      const changes: Change[] = [];
      const changed = new Set<string>();
      for (const record of chunk) {
        // A device's second record in a chunk is compared with its first one's change, written first.
        if (changed.has(record.externalId)) {
          write(changes.splice(0), devices, currents);
          changed.clear();
        }
        const outcome = decide(record, devices, currents);
        if (outcome === null) continue;
        if ('reason' in outcome) {
          rowErrors.push({ row: record.row, ...outcome });
          continue;
        }
        changes.push(outcome);
        changed.add(record.externalId);
      }
      write(changes, devices, currents);
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
        // The last moment a rollback is still possible: the whole import, its record and its audit entry go together.
        if (abandoned()) throw new ImportAbandoned();
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
