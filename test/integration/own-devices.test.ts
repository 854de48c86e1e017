import { beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { findOwnDevice, listOwnDevices } from '@/db/queries/devices';
import type { SessionUser } from '@/db/queries/users';

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { registerDevice, retireDevice, updateDevice } = await import('@/lib/actions/devices');

const sqlite = db.$client;
const session = vi.mocked(getSessionUser);
const person = (email: string): SessionUser => {
  const row = sqlite.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
  return { ...row, memberTeamIds: [], managedTeamIds: [] };
};
const staff = person('staff@northbridge.example');
const other = person('ruth.xu@northbridge.example');
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const phone = {
  kind: 'phone', ownership: 'byod', model: 'Pixel 8', os: 'android', osVersion: '15', passcode: 'on', encrypted: 'on',
  'app.whatsapp': 'on', 'app.whatsapp.cloudBackup': 'on', 'app.whatsapp.businessUse': 'on', 'app.whatsapp.version': '2.24', 'app.signal': 'on',
};
const deviceTables = () => Object.fromEntries(['devices', 'device_versions', 'device_apps', 'audit_log'].map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
const newest = () => (sqlite.prepare('SELECT id FROM devices ORDER BY id DESC LIMIT 1').get() as { id: number }).id;

beforeEach(() => session.mockReset());

describe('staff register and edit their own devices', () => {
  let deviceId = 0;
  it('registers a device with its apps, seen now, audited', async () => {
    session.mockResolvedValue(staff);
    const start = Date.now();
    expect(await registerDevice(null, form(phone))).toMatchObject({ ok: true });
    deviceId = newest();
    const detail = findOwnDevice(db, { userId: staff.id, deviceId });
    expect(detail).toMatchObject({ model: 'Pixel 8', ownership: 'byod', os: 'android', passcode: true, encrypted: true, mdmEnrolled: false, source: 'manual', externalId: null, versions: 1 });
    expect(detail!.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(start);
    expect(detail!.apps).toEqual([
      { app: 'signal', appVersion: null, businessUse: false, cloudBackup: false, disappearingMessages: false, captureEnabled: false, contactUpload: false },
      { app: 'whatsapp', appVersion: '2.24', businessUse: true, cloudBackup: true, disappearingMessages: false, captureEnabled: false, contactUpload: false },
    ]);
    expect(listOwnDevices(db, { userId: staff.id }).map((d) => d.deviceId)).toContain(deviceId);
    expect(sqlite.prepare('SELECT action, actor_id FROM audit_log ORDER BY id DESC LIMIT 1').get()).toEqual({ action: 'device.register', actor_id: staff.id });
  });

  it('an edit closes the current version and inserts a new one with its apps', async () => {
    session.mockResolvedValue(staff);
    expect(await updateDevice(null, form({ ...phone, deviceId: String(deviceId), 'app.whatsapp.cloudBackup': '', 'app.signal': '' }))).toMatchObject({ ok: true, message: 'Your changes are saved.' });
    const versions = sqlite.prepare('SELECT id, valid_from, valid_to FROM device_versions WHERE device_id = ? ORDER BY id').all(deviceId) as { id: number; valid_from: number; valid_to: number | null }[];
    expect(versions).toHaveLength(2);
    expect(versions[0]!.valid_to).toBe(versions[1]!.valid_from);
    expect(versions[1]!.valid_to).toBeNull();
    expect(sqlite.prepare('SELECT app, cloud_backup FROM device_apps WHERE device_version_id = ?').all(versions[1]!.id)).toEqual([{ app: 'whatsapp', cloud_backup: 0 }]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM device_apps WHERE device_version_id = ?').get(versions[0]!.id)).toEqual({ n: 2 });
  });

  it('refuses invalid input with field errors', async () => {
    session.mockResolvedValue(staff);
    const result = await registerDevice(null, form({ ...phone, kind: 'toaster', model: ' ', os: '' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { kind: [expect.any(String)], model: [expect.any(String)], os: [expect.any(String)] } });
  });

  it('retires the device: it leaves the list, its history stays', async () => {
    session.mockResolvedValue(staff);
    expect(await retireDevice(null, form({ deviceId: String(deviceId) }))).toMatchObject({ ok: true });
    expect(findOwnDevice(db, { userId: staff.id, deviceId })).toBeNull();
    expect(sqlite.prepare('SELECT count(*) AS n FROM device_versions WHERE device_id = ? AND valid_to IS NULL').get(deviceId)).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM device_versions WHERE device_id = ?').get(deviceId)).toEqual({ n: 2 });
    expect(await updateDevice(null, form({ ...phone, deviceId: String(deviceId) }))).toEqual({ ok: false, error: 'That device does not exist.' });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe('another person’s device', () => {
  const theirs = (sqlite.prepare('SELECT id FROM devices WHERE owner_id = ? AND retired_at IS NULL LIMIT 1').get(other.id) as { id: number }).id;
  it('is not found for reading', () => {
    expect(findOwnDevice(db, { userId: staff.id, deviceId: theirs })).toBeNull();
    expect(findOwnDevice(db, { userId: other.id, deviceId: theirs })).not.toBeNull();
  });
  it('cannot be edited or retired, and nothing is written', async () => {
    session.mockResolvedValue(staff);
    const before = deviceTables();
    expect(await updateDevice(null, form({ ...phone, deviceId: String(theirs) }))).toEqual({ ok: false, error: 'That device does not exist.' });
    expect(await retireDevice(null, form({ deviceId: String(theirs) }))).toEqual({ ok: false, error: 'That device does not exist.' });
    expect(deviceTables()).toEqual(before);
  });
  it('the signed-out are refused', async () => {
    session.mockResolvedValue(null);
    const before = deviceTables();
    expect(await registerDevice(null, form(phone))).toEqual({ ok: false, error: 'You do not have access to this.' });
    expect(await retireDevice(null, form({ deviceId: String(theirs) }))).toEqual({ ok: false, error: 'You do not have access to this.' });
    expect(deviceTables()).toEqual(before);
  });
});
