import { describe, expect, it } from 'vitest';
import { campaignOn, devicesOn, evidenceOn, exceptionInForce, membershipsOn, packForTeam, parametersOn, type EvidenceHistory } from '@/lib/scoring/history';
import type { DeviceVersionRecord, ExceptionRecord } from '@/lib/scoring/history';
import { buildApp, buildDevice, buildWhatsApp } from '../../helpers/evidence';

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);

function version(overrides: Partial<DeviceVersionRecord>): DeviceVersionRecord {
  return { ...buildDevice(), validFrom: d('2026-01-01'), validTo: null, retiredAt: null, ...overrides };
}

function exception(overrides: Partial<ExceptionRecord>): ExceptionRecord {
  return { id: 1, ruleId: 'X4', userId: 7, teamId: null, reason: 'Travel', startsAt: d('2026-03-01'), expiresAt: d('2026-04-01'), revokedAt: null, ...overrides };
}

function history(overrides: Partial<EvidenceHistory> = {}): EvidenceHistory {
  return {
    teams: new Map([
      [1, { id: 1, name: 'Trading', sector: 'finance' }],
      [2, { id: 2, name: 'Litigation', sector: 'law' }],
    ]),
    names: new Map([[7, 'Sam']]),
    memberships: [{ teamId: 1, userId: 7, joinedAt: d('2026-01-01'), leftAt: d('2026-06-01') }],
    supervision: new Map([[7, [{ since: d('2026-05-01'), until: null }]]]),
    campaigns: [
      { id: 1, period: '2026-Q1', opensAt: d('2026-01-01'), dueAt: d('2026-02-26'), allTeams: true, teamIds: [] },
      { id: 2, period: '2026-Q2', opensAt: d('2026-04-01'), dueAt: d('2026-05-27'), allTeams: false, teamIds: [2] },
    ],
    attestationsByUser: new Map([
      [7, [
        { id: 10, userId: 7, campaignId: 1, period: '2026-Q1', packVersion: '2026.1', submittedAt: d('2026-01-10'), answers: { a: true } },
        { id: 11, userId: 7, campaignId: 1, period: '2026-Q1', packVersion: '2026.1', submittedAt: d('2026-03-10'), answers: { a: false } },
      ]],
    ]),
    devicesByUser: new Map([
      [7, [
        version({ deviceId: 1, validFrom: d('2026-01-01'), validTo: d('2026-03-01'), apps: [buildWhatsApp({ cloudBackup: true })] }),
        version({ deviceId: 1, validFrom: d('2026-03-01'), lastSeenAt: d('2026-05-30'), apps: [buildApp({ lastCaptureSyncAt: d('2026-05-29') })] }),
        version({ deviceId: 2, validFrom: d('2026-02-01'), retiredAt: d('2026-02-15') }),
      ]],
    ]),
    exceptionsByUser: new Map([[7, [exception({}), exception({ id: 2, revokedAt: d('2026-03-15') })]]]),
    exceptionsByTeam: new Map([[1, [exception({ id: 3, userId: null, teamId: 1, ruleId: 'F3' })]]]),
    organisationSettings: [
      { teamId: null, effectiveFrom: d('2026-01-01'), parameters: { forwardingWindowDays: 10 } },
      { teamId: null, effectiveFrom: d('2026-03-01'), parameters: { forwardingWindowDays: 5 } },
    ],
    teamSettings: new Map([[1, [{ teamId: 1, effectiveFrom: d('2026-02-01'), parameters: { ukMifidActivity: true } }]]]),
    ...overrides,
  };
}

describe('evidence on a day', () => {
  const h = history();

  it.each([
    ['2025-12-31', 0],
    ['2026-01-01', 1],
    ['2026-05-31', 1],
    ['2026-06-01', 0],
  ])('membership on %s: %i', (day, count) => {
    expect(membershipsOn(h, d(day))).toHaveLength(count);
  });

  it('reads the settings rows in force that day, the team overlaying the organisation', () => {
    expect(parametersOn(h, 1, d('2026-01-15'))).toMatchObject({ forwardingWindowDays: 10, ukMifidActivity: false });
    expect(parametersOn(h, 1, d('2026-02-15'))).toMatchObject({ forwardingWindowDays: 10, ukMifidActivity: true });
    expect(parametersOn(h, 1, d('2026-03-15'))).toMatchObject({ forwardingWindowDays: 5, ukMifidActivity: true });
    expect(parametersOn(h, 2, d('2026-03-15'))).toMatchObject({ forwardingWindowDays: 5, ukMifidActivity: false });
  });

  it("takes the latest opened campaign whose audience includes the team", () => {
    expect(campaignOn(h, 1, d('2025-12-01'))).toBeNull();
    expect(campaignOn(h, 1, d('2026-04-15'))?.id).toBe(1);
    expect(campaignOn(h, 2, d('2026-04-15'))?.id).toBe(2);
  });

  it('picks the device versions valid that day and leaves out retired devices', () => {
    expect(devicesOn(h, 7, d('2026-02-10')).map((x) => [x.deviceId, x.apps[0]?.app])).toEqual([[1, 'whatsapp'], [2, 'teams']]);
    expect(devicesOn(h, 7, d('2026-02-20')).map((x) => x.deviceId)).toEqual([1]);
    expect(devicesOn(h, 7, d('2026-03-01'))[0]!.apps[0]!.app).toBe('teams');
  });

  it('reads a last-seen or last-sync time later than the day as that day', () => {
    const early = devicesOn(h, 7, d('2026-04-01'))[0]!;
    expect(early.lastSeenAt).toEqual(d('2026-04-01'));
    expect(early.apps[0]!.lastCaptureSyncAt).toEqual(d('2026-04-01'));
    const late = devicesOn(h, 7, d('2026-06-10'))[0]!;
    expect(late.lastSeenAt).toEqual(d('2026-05-30'));
    expect(late.apps[0]!.lastCaptureSyncAt).toEqual(d('2026-05-29'));
  });

  it('uses only attestations submitted by that day, and the latest for the current campaign', () => {
    const membership = h.memberships[0]!;
    expect(evidenceOn(h, membership, d('2026-01-05')).latestAttestation).toBeNull();
    expect(evidenceOn(h, membership, d('2026-02-01')).latestAttestation?.id).toBe(10);
    const march = evidenceOn(h, membership, d('2026-03-20'));
    expect(march.latestAttestation?.id).toBe(11);
    expect(march.currentAttestation?.id).toBe(11);
    expect(march.currentCampaign?.period).toBe('2026-Q1');
  });

  it('is a supervisor only from the day they began managing', () => {
    const membership = h.memberships[0]!;
    expect(evidenceOn(h, membership, d('2026-04-30')).isSupervisor).toBe(false);
    expect(evidenceOn(h, membership, d('2026-05-01')).isSupervisor).toBe(true);
  });

  it('is a supervisor only within each period of management', () => {
    const periods = { supervision: new Map([[7, [{ since: d('2026-02-01'), until: d('2026-03-01') }, { since: d('2026-04-01'), until: null }]]]) };
    const membership = h.memberships[0]!;
    expect.soft(evidenceOn(history(periods), membership, d('2026-02-15')).isSupervisor).toBe(true);
    expect.soft(evidenceOn(history(periods), membership, d('2026-03-01')).isSupervisor).toBe(false);
    expect.soft(evidenceOn(history(periods), membership, d('2026-04-01')).isSupervisor).toBe(true);
  });

  it("scores a team against its chosen pack, else its sector's", () => {
    const chosen = history({ teams: new Map([[1, { id: 1, name: 'Trading', sector: 'finance', packId: 'law' }]]) });
    expect(packForTeam(chosen, 1).id).toBe('law');
    expect(packForTeam(history(), 1).id).toBe('finance');
  });

  it("passes the person's and the team's exceptions, minus those revoked by then", () => {
    const membership = h.memberships[0]!;
    expect(evidenceOn(h, membership, d('2026-03-10')).exceptions.map((e) => [e.id, e.scope])).toEqual([[1, 'person'], [2, 'person'], [3, 'team']]);
    expect(evidenceOn(h, membership, d('2026-03-20')).exceptions.map((e) => e.id)).toEqual([1, 3]);
  });

  it.each([
    ['2026-02-28', false],
    ['2026-03-01', true],
    ['2026-03-31', true],
    ['2026-04-01', false],
  ])('an exception from 1 Mar to 1 Apr is in force on %s: %s', (day, inForce) => {
    expect(exceptionInForce(exception({}), d(day))).toBe(inForce);
    expect(exceptionInForce(exception({ revokedAt: d('2026-02-01') }), d(day))).toBe(false);
  });
});
