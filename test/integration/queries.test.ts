import { describe, expect, it } from 'vitest';
import { findCurrentCampaign } from '@/db/queries/campaigns';
import { listOwnDevices } from '@/db/queries/devices';
import { listTeamMembers, listTeamSummaries } from '@/db/queries/teams';
import { findSignInCredentials, loadSessionUser } from '@/db/queries/users';
import { TEST_AS_OF, createSeededDatabase } from '../helpers/database';

const db = createSeededDatabase();
const sqlite = db.$client;
const idOf = (email: string) => (sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;

describe('session user', () => {
  it('carries role and team scope from the database', () => {
    const manager = loadSessionUser(db, { userId: idOf('manager@northbridge.example') });
    expect(manager).toMatchObject({ role: 'manager', email: 'manager@northbridge.example' });
    expect(manager!.managedTeamIds.length).toBeGreaterThanOrEqual(1);
    expect(manager!.memberTeamIds.sort()).toEqual([...manager!.managedTeamIds].sort());
  });

  it('is null for a deactivated or unknown person, who also cannot sign in', () => {
    const gone = sqlite.prepare('SELECT id, email FROM users WHERE active = 0 LIMIT 1').get() as { id: number; email: string } | undefined;
    expect(gone).toBeDefined();
    expect(loadSessionUser(db, { userId: gone!.id })).toBeNull();
    expect(findSignInCredentials(db, { email: gone!.email })).toBeUndefined();
    expect(loadSessionUser(db, { userId: 999_999 })).toBeNull();
  });

  it('matches sign-in e-mails case-insensitively', () => {
    expect(findSignInCredentials(db, { email: '  Staff@Northbridge.EXAMPLE ' })?.id).toBe(idOf('staff@northbridge.example'));
  });
});

describe('team queries', () => {
  const campaign = findCurrentCampaign(db, { asOf: TEST_AS_OF });

  it('finds the campaign of the current quarter', () => {
    expect(campaign?.period).toBe('2026-Q4');
  });

  it('scope summaries to the given teams', () => {
    const all = listTeamSummaries(db, { scope: 'all', campaignId: campaign!.id });
    expect(all.length).toBe(3);
    const one = listTeamSummaries(db, { scope: [all[1]!.id], campaignId: campaign!.id });
    expect(one).toEqual([all[1]]);
    expect(listTeamSummaries(db, { scope: [], campaignId: null })).toEqual([]);
  });

  it('count active members, their devices and attestations consistently with the member list', () => {
    for (const team of listTeamSummaries(db, { scope: 'all', campaignId: campaign!.id })) {
      const members = listTeamMembers(db, { teamId: team.id, campaignId: campaign!.id });
      expect(members.length).toBe(team.members);
      expect(members.reduce((sum, m) => sum + m.devices, 0)).toBe(team.devices);
      expect(members.filter((m) => m.attestedAt !== null).length).toBe(team.attested);
      expect(members.filter((m) => m.isManager).length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('own devices', () => {
  it("returns only the person's devices in service, each at its current version", () => {
    const staffId = idOf('staff@northbridge.example');
    const devices = listOwnDevices(db, { userId: staffId });
    const expected = sqlite.prepare('SELECT id FROM devices WHERE owner_id = ? AND retired_at IS NULL ORDER BY id').all(staffId) as { id: number }[];
    expect(devices.map((d) => d.deviceId).sort((a, b) => a - b)).toEqual(expected.map((d) => d.id));
    for (const device of devices) {
      const current = sqlite.prepare('SELECT id FROM device_versions WHERE device_id = ? AND valid_to IS NULL').get(device.deviceId) as { id: number };
      expect(device.versionId).toBe(current.id);
      for (const app of device.apps) expect(app.versionId).toBe(current.id);
    }
  });
});
