import type { DeviceFacts } from '@/lib/import/types';
import type { ActionResult } from '@/lib/validation/action-result';
import type { OwnDeviceInput, RetireOwnDeviceInput, UpdateOwnDeviceInput } from '@/lib/validation/devices';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import type { Actor, CommandOptions } from './actor';
import { deviceVersionStatements, stateKey, type DeviceState } from './device-versions';

/** The refusal for a device that is not the caller's (or does not exist): the same either way. */
export const DEVICE_NOT_FOUND = 'That device does not exist.';

export type OwnDeviceResult = ActionResult<{ deviceId: number; changed: boolean }>;

function stateOf(input: OwnDeviceInput, now: Date): DeviceState {
  const facts: DeviceFacts = {
    model: input.model,
    kind: input.kind,
    ownership: input.ownership,
    os: input.os,
    osVersion: input.osVersion,
    mdmEnrolled: input.mdmEnrolled,
    encrypted: input.encrypted,
    passcode: input.passcode,
    lastSeenAt: now,
  };
  return { facts, apps: input.apps };
}

const summaryOf = (s: DeviceState) => ({
  model: s.facts.model, kind: s.facts.kind, ownership: s.facts.ownership, os: `${s.facts.os} ${s.facts.osVersion}`,
  mdmEnrolled: s.facts.mdmEnrolled, encrypted: s.facts.encrypted, passcode: s.facts.passcode,
  apps: s.apps.map((a) => ({ app: a.app, businessUse: a.businessUse, cloudBackup: a.cloudBackup, disappearingMessages: a.disappearingMessages, captureEnabled: a.captureEnabled, contactUpload: a.contactUpload })),
});

/** Registers a device for `actor` (its owner), as a first version seen now, with an audit entry, in one transaction. */
export function registerOwnDevice(db: AppDatabase, actor: Actor, input: OwnDeviceInput, { now = new Date() }: CommandOptions = {}): OwnDeviceResult {
  return db.transaction(
    (tx): OwnDeviceResult => {
      const sqlite = db.$client;
      const deviceId = Number(sqlite.prepare("INSERT INTO devices (owner_id, external_id, source, created_at) VALUES (?, NULL, 'manual', ?)").run(actor.id, now.getTime()).lastInsertRowid);
      const state = stateOf(input, now);
      deviceVersionStatements(sqlite).write(deviceId, null, state, { now, source: 'manual', importId: null, recordedBy: actor.id });
      appendAuditEntry(tx, { actorId: actor.id, action: 'device.register', targetType: 'device', targetId: deviceId, at: now, summary: { after: summaryOf(state) } });
      return { ok: true, deviceId, changed: true };
    },
    { behavior: 'immediate' },
  );
}

function ownDevice(db: AppDatabase, actor: Actor, deviceId: number) {
  return db.$client
    .prepare<[number, number], { id: number }>('SELECT id FROM devices WHERE id = ? AND owner_id = ? AND retired_at IS NULL')
    .get(deviceId, actor.id);
}

/**
 * Records an edit of the caller's own device: closes the current version (valid_to = now) and inserts the
 * new one with its apps, last seen now; audited. Someone else's device, a retired one or an unknown id is
 * refused alike, writing nothing.
 */
export function updateOwnDevice(db: AppDatabase, actor: Actor, { deviceId, ...input }: UpdateOwnDeviceInput, { now = new Date() }: CommandOptions = {}): OwnDeviceResult {
  return db.transaction(
    (tx): OwnDeviceResult => {
      if (!ownDevice(db, actor, deviceId)) return { ok: false, error: DEVICE_NOT_FOUND };
      const versions = deviceVersionStatements(db.$client);
      const current = versions.current(deviceId);
      const next = stateOf(input, now);
      versions.write(deviceId, current?.versionId ?? null, next, { now, source: 'manual', importId: null, recordedBy: actor.id });
      const changed = !current || stateKey({ ...current, facts: { ...current.facts, lastSeenAt: now } }) !== stateKey(next);
      appendAuditEntry(tx, {
        actorId: actor.id, action: changed ? 'device.update' : 'device.confirm', targetType: 'device', targetId: deviceId, at: now,
        summary: { before: current ? summaryOf(current) : null, after: summaryOf(next) },
      });
      return { ok: true, deviceId, changed };
    },
    { behavior: 'immediate' },
  );
}

/** Retires the caller's own device from `now` on (history kept; its current version closes); audited. */
export function retireOwnDevice(db: AppDatabase, actor: Actor, { deviceId }: RetireOwnDeviceInput, { now = new Date() }: CommandOptions = {}): OwnDeviceResult {
  return db.transaction(
    (tx): OwnDeviceResult => {
      if (!ownDevice(db, actor, deviceId)) return { ok: false, error: DEVICE_NOT_FOUND };
      const sqlite = db.$client;
      sqlite.prepare('UPDATE devices SET retired_at = ? WHERE id = ?').run(now.getTime(), deviceId);
      sqlite.prepare('UPDATE device_versions SET valid_to = ? WHERE device_id = ? AND valid_to IS NULL').run(now.getTime(), deviceId);
      appendAuditEntry(tx, { actorId: actor.id, action: 'device.retire', targetType: 'device', targetId: deviceId, at: now, summary: { retiredAt: now.toISOString() } });
      return { ok: true, deviceId, changed: true };
    },
    { behavior: 'immediate' },
  );
}
