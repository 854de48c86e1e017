import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import { applyDeviceBatch } from '@/db/commands/devices';
import type { SessionUser } from '@/db/queries/users';
import { prepareImport } from '@/lib/import';
import { TEST_AS_OF } from '../helpers/database';

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { importDevices } = await import('@/lib/actions/imports');

const sqlite = db.$client;
const person = (email: string): SessionUser => {
  const row = sqlite.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
  return { ...row, memberTeamIds: [], managedTeamIds: [] };
};
const officer = person('officer@northbridge.example');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join('test/fixtures/imports', name)));
const everything = () =>
  Object.fromEntries(['devices', 'device_versions', 'device_apps', 'imports', 'audit_log', 'team_score_snapshots'].map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
const deviceTables = () => Object.fromEntries(['devices', 'device_versions', 'device_apps'].map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));

const apply = (name: string, now: Date) => {
  const prepared = prepareImport(fixture(name));
  if (!prepared.ok) throw new Error(prepared.error);
  return applyDeviceBatch(db, officer, { source: 'csv', format: prepared.format, fileName: name, fileSha256: null, rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors }, { now });
};

describe('importing the Intune devices export', () => {
  const first = new Date(TEST_AS_OF.getTime() + 60_000);
  it('creates the matched devices, refuses the person not on record, and records the import', () => {
    const result = apply('intune-devices.csv', first);
    expect(result).toMatchObject({ ok: true, created: 3, updated: 0, unchanged: 0, rejected: 1 });
    if (!result.ok) return;
    expect(result.rowErrors).toEqual([{ row: 5, column: 'owner', reason: 'No active person has the e-mail contractor@elsewhere.example.' }]);
    const device = sqlite.prepare("SELECT d.owner_id, d.source, v.model, v.os, v.encrypted, v.import_id, v.last_seen_at FROM devices d JOIN device_versions v ON v.device_id = d.id WHERE d.external_id = '7a2e9c41-0d3b-4f8a-b6e5-2c1d9f7a3b22'").get();
    expect(device).toEqual({ owner_id: person('ruth.xu@northbridge.example').id, source: 'csv', model: 'SM-S921B', os: 'android', encrypted: 0, import_id: result.importId, last_seen_at: Date.parse('2026-11-20T16:12:55Z') });
    expect(sqlite.prepare('SELECT actor_id, format, rows_read, rows_accepted, rows_rejected, row_errors FROM imports WHERE id = ?').get(result.importId)).toEqual({
      actor_id: officer.id, format: 'intune_devices', rows_read: 4, rows_accepted: 3, rows_rejected: 1, row_errors: JSON.stringify(result.rowErrors),
    });
    expect((sqlite.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string }).action).toBe('devices.import');
  });

  it('changes no device when the same file is imported again', () => {
    const before = deviceTables();
    expect(apply('intune-devices.csv', new Date(first.getTime() + 60_000))).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
    expect(deviceTables()).toEqual(before);
  });

  it('adds discovered messaging apps as a new version, keeping the old one as history', () => {
    const at = new Date(first.getTime() + 120_000);
    expect(apply('intune-discovered-apps.csv', at)).toMatchObject({ ok: true, updated: 2 });
    const versions = sqlite.prepare("SELECT v.id, v.valid_to FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.external_id = '3f1c2a7e-5b9d-4e21-9a0c-7d2b8e4f6a11' ORDER BY v.id").all() as { id: number; valid_to: number | null }[];
    expect(versions.map((v) => v.valid_to)).toEqual([at.getTime(), null]);
    expect(sqlite.prepare('SELECT app FROM device_apps WHERE device_version_id = ? ORDER BY app').all(versions[1]!.id)).toEqual([{ app: 'teams' }, { app: 'whatsapp' }]);
    const before = deviceTables();
    expect(apply('intune-discovered-apps.csv', new Date(at.getTime() + 1000))).toMatchObject({ ok: true, unchanged: 2 });
    expect(deviceTables()).toEqual(before);
  });

  it('refuses a device that moved to another person', () => {
    const text = 'owner_email,external_id,model,kind,os,os_version\nstaff@northbridge.example,3f1c2a7e-5b9d-4e21-9a0c-7d2b8e4f6a11,iPhone,phone,ios,18\nstaff@northbridge.example,NEW-1,iPhone,phone,ios,18\nkofi.rahman@northbridge.example,F4GXK2LMN0PQ,iPhone,phone,ios,18\n';
    const prepared = prepareImport(new TextEncoder().encode(text.replace('staff@northbridge.example,3f1c', 'kofi.rahman@northbridge.example,3f1c')));
    if (!prepared.ok) throw new Error(prepared.error);
    const result = applyDeviceBatch(db, officer, { source: 'csv', format: 'generic', fileName: 'x.csv', fileSha256: null, rowsRead: 3, records: prepared.records, rowErrors: [] }, { now: new Date(first.getTime() + 200_000) });
    expect(result.ok && result.rowErrors).toEqual([{ row: 2, column: 'owner', reason: expect.stringContaining('another person') }]);
  });
});

describe('a file of more devices than are looked up at a time', () => {
  const owners = (sqlite.prepare('SELECT email FROM users WHERE active = 1 ORDER BY id').all() as { email: string }[]).map((u) => u.email);
  const file = (osVersion: (i: number) => string) => {
    const rows = Array.from({ length: 1_234 }, (_, i) => `${owners[i % owners.length]},BULK-${i},iPhone 15,phone,ios,${osVersion(i)}`);
    return new TextEncoder().encode(['owner_email,external_id,model,kind,os,os_version', ...rows].join('\n'));
  };
  const applyFile = (bytes: Uint8Array, now: Date) => {
    const prepared = prepareImport(bytes);
    if (!prepared.ok) throw new Error(prepared.error);
    return applyDeviceBatch(db, officer, { source: 'csv', format: prepared.format, fileName: 'bulk.csv', fileSha256: null, rowsRead: prepared.rowsRead, records: prepared.records, rowErrors: prepared.errors }, { now });
  };
  const at = new Date(TEST_AS_OF.getTime() + 3_600_000);

  it('creates them all, then changes only the devices whose values changed', () => {
    expect(applyFile(file(() => '18.1'), at)).toMatchObject({ ok: true, created: 1_234, updated: 0, unchanged: 0 });
    const before = deviceTables();
    expect(applyFile(file(() => '18.1'), new Date(at.getTime() + 1000))).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 1_234 });
    expect(deviceTables()).toEqual(before);
    expect(applyFile(file((i) => (i % 100 === 7 ? '18.2' : '18.1')), new Date(at.getTime() + 2000))).toMatchObject({ ok: true, created: 0, updated: 13, unchanged: 1_221 });
  });
});

describe('a rejected import writes nothing', () => {
  it('when no row matches anyone', () => {
    const before = everything();
    const prepared = prepareImport(new TextEncoder().encode('owner_email,external_id,model,kind,os,os_version\nnobody@x.example,Z1,iPhone,phone,ios,18\n'));
    if (!prepared.ok) throw new Error(prepared.error);
    const result = applyDeviceBatch(db, officer, { source: 'csv', format: 'generic', fileName: 'x.csv', fileSha256: null, rowsRead: 1, records: prepared.records, rowErrors: [] });
    expect(result).toMatchObject({ ok: false, rowErrors: [{ row: 2, column: 'owner' }] });
    expect(everything()).toEqual(before);
  });
});

describe('the import action', () => {
  const session = vi.mocked(getSessionUser);
  beforeEach(() => session.mockReset());
  const form = (bytes: Uint8Array, name: string, fields: Record<string, string> = {}) => {
    const data = new FormData();
    data.append('file', new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return data;
  };
  const file = fixture('jamf-mobile-devices.csv');

  it.each([['signed out', null], ['staff', 'staff@northbridge.example'], ['a manager', 'manager@northbridge.example'], ['an administrator', 'admin@northbridge.example']])(
    'refuses %s and writes nothing', async (_name, email) => {
      session.mockResolvedValue(email ? person(email) : null);
      const before = everything();
      expect(await importDevices(null, form(file, 'jamf.csv', { intent: 'confirm' }))).toEqual({ ok: false, error: 'You do not have access to this.' });
      expect(everything()).toEqual(before);
    },
  );

  it('previews without writing, then applies only the previewed file', async () => {
    session.mockResolvedValue(officer);
    const before = everything();
    const preview = await importDevices(null, form(file, 'jamf.csv', { intent: 'preview' }));
    expect(preview).toMatchObject({ ok: true, stage: 'preview', outcome: { format: 'jamf_mobile', rowsRead: 3, created: 2, rejected: 1, importId: 0 } });
    expect(everything()).toEqual(before);
    if (!preview?.ok) return;
    expect(await importDevices(null, form(fixture('jamf-computers.csv'), 'jamf.csv', { intent: 'confirm', previewedSha256: preview.outcome.fileSha256 }))).toMatchObject({ ok: false, error: expect.stringContaining('not the one previewed') });
    expect(everything()).toEqual(before);
    const applied = await importDevices(null, form(file, 'jamf.csv', { intent: 'confirm', previewedSha256: preview.outcome.fileSha256, 'map.ownerEmail': 'Email Address' }));
    expect(applied).toMatchObject({ ok: true, stage: 'applied', outcome: { created: 2, rejected: 1, importId: expect.any(Number) } });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it.each([
    ['a binary file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), 'not a CSV'],
    ['a file over the limit', new TextEncoder().encode('x'.repeat(2048)), 'the limit is'],
    ['an empty file', new Uint8Array(), 'Choose a CSV file'],
  ])('refuses %s with a message and writes nothing', async (_name, bytes, message) => {
    session.mockResolvedValue(officer);
    vi.stubEnv('IMPORT_MAX_BYTES', '1024');
    const before = everything();
    const result = await importDevices(null, form(bytes, 'bad.csv', { intent: 'confirm' }));
    vi.unstubAllEnvs();
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).toContain(message);
    expect(everything()).toEqual(before);
  });
});

describe('the template download and hostile text', () => {
  const session = vi.mocked(getSessionUser);
  it('serves the template to officers only', async () => {
    const { GET } = await import('@/app/(officer)/imports/template/route');
    session.mockResolvedValue(officer);
    const response = await GET();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('owner_email,external_id,model,kind,ownership,os,os_version');
    const reread = prepareImport(new TextEncoder().encode(text));
    expect(reread.ok && [reread.format, reread.records.length, reread.errors]).toEqual(['generic', 2, []]);
    session.mockResolvedValue(person('staff@northbridge.example'));
    expect((await GET()).status).toBe(404);
    session.mockResolvedValue(null);
    expect((await GET()).status).toBe(401);
  });

  it('renders row errors as text, never as HTML', async () => {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { RowErrorTable } = await import('@/components/imports/row-error-table');
    const html = renderToStaticMarkup(createElement(RowErrorTable, { caption: 'Row errors', errors: [{ row: 2, column: '<b>Model</b>', reason: '“<script>alert(1)</script>” is not valid.' }] }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;');
  });
});
