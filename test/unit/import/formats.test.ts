import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImport, type DeviceRecord } from '@/lib/import';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join('test/fixtures/imports', name)));
const prepared = (name: string) => {
  const result = prepareImport(fixture(name));
  if (!result.ok) throw new Error(result.error);
  return result;
};
const byId = (records: DeviceRecord[], id: string) => records.find((r) => r.externalId === id);

describe('Intune devices export (UTF-8 BOM, CRLF)', () => {
  const result = prepared('intune-devices.csv');
  it('is detected and mapped from its header row', () => {
    expect(result.format).toBe('intune_devices');
    expect(result.mapping).toMatchObject({ ownerEmail: 'Primary user UPN', externalId: 'Device ID', model: 'Model', os: 'OS', osVersion: 'OS version', encrypted: 'Encrypted', passcode: 'Compliance', lastSeenAt: 'Last check-in', ownership: 'Ownership' });
    expect(result.rowsRead).toBe(4);
    expect(result.errors).toEqual([]);
  });
  it('reads each device with its facts, UPNs lower-cased, both date styles', () => {
    expect(byId(result.records, '3f1c2a7e-5b9d-4e21-9a0c-7d2b8e4f6a11')).toMatchObject({
      ownerEmail: 'staff@northbridge.example', apps: null,
      facts: { model: 'iPhone 15', kind: 'phone', os: 'ios', osVersion: '18.1', ownership: 'corporate', encrypted: true, passcode: true, mdmEnrolled: true, lastSeenAt: new Date('2026-11-22T07:41:09Z') },
    });
    expect(byId(result.records, '7a2e9c41-0d3b-4f8a-b6e5-2c1d9f7a3b22')).toMatchObject({
      ownerEmail: 'ruth.xu@northbridge.example',
      facts: { kind: 'phone', os: 'android', ownership: 'byod', encrypted: false, passcode: false, lastSeenAt: new Date('2026-11-20T16:12:55Z') },
    });
    expect(byId(result.records, '0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e33')).toMatchObject({ facts: { kind: 'laptop', os: 'windows', model: 'Surface Laptop 5' } });
  });
});

describe('Intune discovered apps', () => {
  const result = prepared('intune-discovered-apps.csv');
  it('keeps only messaging apps, one record per device, merging', () => {
    expect(result.format).toBe('intune_apps');
    expect(result.ignored).toBe(2);
    expect(result.records).toHaveLength(2);
    const iphone = byId(result.records, '3f1c2a7e-5b9d-4e21-9a0c-7d2b8e4f6a11');
    expect(iphone).toMatchObject({ facts: null, appsMerge: true });
    expect(iphone?.apps?.map((a) => [a.app, a.appVersion])).toEqual([['whatsapp', '24.22.79'], ['teams', '6.22.1']]);
  });
});

describe('Jamf Pro mobile devices', () => {
  const result = prepared('jamf-mobile-devices.csv');
  it('reads Jamf spellings: "at" dates, Managed/Unmanaged, Present/Not Present, an app list with a newline', () => {
    expect(result.format).toBe('jamf_mobile');
    expect(byId(result.records, 'DNPXK3ABCD12')).toMatchObject({
      ownerEmail: 'kofi.rahman@northbridge.example',
      facts: { os: 'ios', kind: 'phone', osVersion: '17.6.1', mdmEnrolled: true, encrypted: true, passcode: true, ownership: 'corporate', lastSeenAt: new Date('2026-11-21T09:05:00Z') },
      appsMerge: true,
    });
    expect(byId(result.records, 'DNPXK3ABCD12')?.apps?.map((a) => a.app)).toEqual(['whatsapp', 'teams']);
    expect(byId(result.records, 'DMPXK4EFGH34')).toMatchObject({ facts: { os: 'ipados', kind: 'tablet', ownership: 'byod', passcode: false, lastSeenAt: new Date('2026-11-02T16:47:00Z') } });
  });
  it('refuses a row with no owner, naming its row and column', () => {
    expect(result.errors).toEqual([{ row: 4, column: 'Email Address', reason: 'No owner e-mail or UPN.' }]);
  });
});

describe('Jamf Pro computers', () => {
  const result = prepared('jamf-computers.csv');
  it('reads FileVault status and desktop models', () => {
    expect(result.format).toBe('jamf_computers');
    expect(byId(result.records, 'C02FG1ABMD6T')).toMatchObject({ facts: { os: 'macos', kind: 'laptop', encrypted: true, osVersion: '15.1' } });
    expect(byId(result.records, 'C02HJ2CDQ6WN')).toMatchObject({ facts: { os: 'macos', kind: 'desktop', encrypted: false } });
  });
});

describe('the Onchannel template, as European Excel saves it', () => {
  const result = prepared('generic-semicolon.csv');
  it('reads semicolons, odd header case and spacing, a quoted newline, day-first dates and per-app columns', () => {
    expect(result.format).toBe('generic');
    const pixel = byId(result.records, 'GEN-0001');
    expect(pixel).toMatchObject({ ownerEmail: 'niamh.shah@northbridge.example', facts: { model: 'Pixel 7\n(work)', ownership: 'byod', lastSeenAt: new Date('2026-11-20T08:15:00Z') }, appsMerge: false });
    expect(pixel?.apps).toEqual([
      { app: 'whatsapp', appVersion: null, businessUse: false, cloudBackup: true, disappearingMessages: true, captureEnabled: false, contactUpload: true },
      { app: 'signal', appVersion: null, businessUse: true, cloudBackup: false, disappearingMessages: false, captureEnabled: true, contactUpload: false },
    ]);
  });
  it('counts an exact duplicate once and refuses unreadable values with row and column', () => {
    expect(result.duplicates).toBe(1);
    expect(byId(result.records, 'GEN-0002')?.ownerEmail).toBe('staff@northbridge.example');
    expect(result.errors).toEqual([
      { row: 6, column: 'OS', reason: expect.stringContaining('symbian') },
      { row: 7, column: 'MDM_Enrolled', reason: expect.stringContaining('maybe') },
    ]);
    // The unknown person is not the parser's business: the database step reports it.
    expect(byId(result.records, 'GEN-0003')).toBeDefined();
  });
  it('refuses a second row for the same device with different values', () => {
    const text = 'owner_email,external_id,model,kind,os,os_version\na@x.example,D1,iPhone,phone,ios,17\na@x.example,D1,iPhone,phone,ios,18\n';
    const r = prepareImport(new TextEncoder().encode(text));
    expect(r.ok && r.errors).toEqual([{ row: 3, column: 'external_id', reason: expect.stringContaining('row 2') }]);
  });
});

describe('the officer’s column mapping', () => {
  it('overrides the detected columns, and refuses a header not in the file', () => {
    const r = prepareImport(fixture('intune-devices.csv'), { mapping: { externalId: 'Serial number', passcode: '' } });
    expect(r.ok && r.records.map((x) => x.externalId)).toContain('F4GXK2LMN0PQ');
    expect(r.ok && r.records[0]?.facts?.passcode).toBeUndefined();
    expect(prepareImport(fixture('intune-devices.csv'), { mapping: { externalId: 'Nope' } })).toEqual({ ok: false, error: 'The column “Nope” is not in the file.' });
  });
  it('reads a file as a chosen format', () => {
    const r = prepareImport(fixture('intune-devices.csv'), { format: 'generic' });
    expect(r.ok && r.errors.length).toBe(4);
  });
});
