import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEvidenceHistory } from '@/db/queries/evidence';
import { parametersOn } from '@/lib/scoring/history';
import { applyPolicyChange } from '@/db/commands/policy-settings';
import { verifyAuditChain } from '@/db/audit';
import {
  findSettingInForce,
  listPolicySettingHistory,
  parametersInForce,
} from '@/db/queries/policy';
import type { SessionUser } from '@/db/queries/users';
import { auditEntryHash } from '@/lib/audit/hash';
import { DEFAULT_POLICY_PARAMETERS } from '@/lib/policy';
import { addDays, startOfUtcDay } from '@/lib/time';
import { policyChangeSchema, type PolicyChangeInput } from '@/lib/validation/policy';
import { TEST_AS_OF } from '../helpers/database';

// The server action reads the app's database handle and the session: both are replaced here.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { changePolicyParameters } = await import('@/lib/actions/policy');

const sqlite = db.$client;
const userId = (email: string) => (sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
const teamId = (pack: string) => (sqlite.prepare('SELECT id FROM teams WHERE policy_pack_id = ? ORDER BY id').get(pack) as { id: number }).id;
const officer = { id: userId('officer@northbridge.example') };
const financeTeam = teamId('finance');
const lawTeam = teamId('law');
const now = TEST_AS_OF;
const today = startOfUtcDay(now);

interface Counts {
  settings: unknown[];
  audit: unknown[];
}
const snapshot = (): Counts => ({
  settings: sqlite.prepare('SELECT * FROM policy_settings ORDER BY id').all(),
  audit: sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all(),
});
const lastAudit = () =>
  sqlite.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
    id: number; at: number; actor_id: number; action: string; target_type: string; target_id: string; summary: string; prev_hash: string; hash: string;
  };

/** A valid change, validated as the action would. */
const change = (raw: Record<string, unknown>): PolicyChangeInput => {
  const parsed = policyChangeSchema({ now }).safeParse({ teamId: null, note: 'Test change', parameters: {}, ...raw });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};

describe('recording a change', () => {
  it('adds a new version with who and when, leaves the old rows untouched, and chains an audit entry', () => {
    const before = snapshot();
    const previousAudit = lastAudit();
    const effectiveFrom = addDays(today, 10);
    const result = applyPolicyChange(db, officer, change({ effectiveFrom, note: 'Shorter window', parameters: { forwardingWindowDays: 3 } }), { now });
    expect(result).toMatchObject({ ok: true, teamId: null, effectiveFrom });
    if (!result.ok) return;

    const after = snapshot();
    expect(after.settings.slice(0, before.settings.length)).toEqual(before.settings);
    expect(after.settings).toHaveLength(before.settings.length + 1);
    expect(after.settings.at(-1)).toMatchObject({
      id: result.settingId, team_id: null, parameters: '{"forwardingWindowDays":3}', effective_from: effectiveFrom.getTime(),
      changed_by: officer.id, note: 'Shorter window', created_at: now.getTime(),
    });

    const entry = lastAudit();
    expect(after.audit).toHaveLength(before.audit.length + 1);
    expect(entry).toMatchObject({ action: 'policy.change', actor_id: officer.id, target_type: 'policy_settings', target_id: String(result.settingId) });
    expect(entry.prev_hash).toBe(previousAudit.hash);
    const summary: unknown = JSON.parse(entry.summary);
    expect(summary).toMatchObject({ scope: 'organisation', note: 'Shorter window', after: { forwardingWindowDays: 3 }, before: { parameters: { forwardingWindowDays: 5 } } });
    expect(entry.hash).toBe(
      auditEntryHash(previousAudit.hash, { at: new Date(entry.at), actorId: entry.actor_id, action: entry.action, targetType: entry.target_type, targetId: entry.target_id, summary }),
    );
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('puts the old values in force before the effective day and the new ones from it', () => {
    const effectiveFrom = addDays(today, 10);
    expect(parametersInForce(db, { teamId: null, asOf: addDays(effectiveFrom, -0.001) }).forwardingWindowDays).toBe(5);
    expect(parametersInForce(db, { teamId: null, asOf: effectiveFrom }).forwardingWindowDays).toBe(3);
    expect(parametersInForce(db, { teamId: null, asOf: addDays(today, -300) }).forwardingWindowDays).toBe(DEFAULT_POLICY_PARAMETERS.forwardingWindowDays);
    expect(findSettingInForce(db, { teamId: null, asOf: effectiveFrom })).toMatchObject({ changedById: officer.id, changedByName: expect.any(String), note: 'Shorter window' });
  });

  it('lists the history newest first, marking what is scheduled, in force and superseded', () => {
    const history = listPolicySettingHistory(db, { teamId: null, asOf: now });
    expect(history.map((row) => row.status)).toEqual(['scheduled', 'in_force', 'superseded']);
    expect(history[0]).toMatchObject({ note: 'Shorter window', parameters: { forwardingWindowDays: 3 } });
    expect(history.every((row) => row.teamId === null)).toBe(true);
  });

  it("overlays a team's override on the organisation's, and only for that team", () => {
    const result = applyPolicyChange(
      db,
      officer,
      change({ teamId: financeTeam, effectiveFrom: today, parameters: { ukMifidActivity: true, staleDeviceDays: 14, disabledRules: ['F7'], severityOverrides: { F3: 'critical' } } }),
      { now },
    );
    expect(result.ok).toBe(true);
    const team = parametersInForce(db, { teamId: financeTeam, asOf: now });
    expect(team).toMatchObject({ staleDeviceDays: 14, ukMifidActivity: true, forwardingWindowDays: 5, disabledRules: ['F7'], severityOverrides: { F3: 'critical' } });
    expect(parametersInForce(db, { teamId: lawTeam, asOf: now })).toMatchObject({ staleDeviceDays: 7, disabledRules: [] });
    expect(parametersInForce(db, { teamId: financeTeam, asOf: addDays(today, 10) }).forwardingWindowDays).toBe(3);
  });

  it('are the parameters the scoring engine reads for the same team and day', () => {
    for (const team of [financeTeam, lawTeam]) {
      for (const days of [-600, -300, -1, 0, 9.99, 10, 400]) {
        const asOf = addDays(now, days);
        const history = loadEvidenceHistory(db, { from: asOf, to: asOf });
        expect(parametersOn(history, team, asOf)).toEqual(parametersInForce(db, { teamId: team, asOf }));
      }
    }
  });
});

describe('refusals write nothing', () => {
  it.each([
    ['an unknown team', { teamId: 9999 }, 'teamId'],
    ['a rule of another pack switched off for a team', { teamId: lawTeam, parameters: { disabledRules: ['F1'] } }, 'parameters.disabledRules'],
    ['a severity override of another pack for a team', { teamId: lawTeam, parameters: { severityOverrides: { G2: 'low' } } }, 'parameters.severityOverrides.G2'],
    ['a rule no pack has, organisation-wide', { parameters: { disabledRules: ['Z9'] } }, 'parameters.disabledRules'],
  ])('%s', (_name, raw, field) => {
    const before = snapshot();
    const result = applyPolicyChange(db, officer, change(raw), { now });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(snapshot()).toEqual(before);
  });

  it('a change identical to the override already in force that day', () => {
    const before = snapshot();
    const result = applyPolicyChange(db, officer, change({ effectiveFrom: addDays(today, 20), parameters: { forwardingWindowDays: 3 } }), { now });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('already') });
    expect(snapshot()).toEqual(before);
  });
});

describe('the server action', () => {
  const session = vi.mocked(getSessionUser);
  const person = (email: string): SessionUser => {
    const row = sqlite.prepare('SELECT id, email, name, role FROM users WHERE email = ?').get(email) as Pick<SessionUser, 'id' | 'email' | 'name' | 'role'>;
    return { ...row, memberTeamIds: [], managedTeamIds: [] };
  };
  const form = (fields: Record<string, string | string[]>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
    return data;
  };
  beforeEach(() => session.mockReset());

  it.each([
    ['signed out', null],
    ['staff', 'staff@northbridge.example'],
    ['a manager', 'manager@northbridge.example'],
    ['an administrator', 'admin@northbridge.example'],
  ])('refuses %s and writes nothing', async (_name, email) => {
    session.mockResolvedValue(email ? person(email) : null);
    const before = snapshot();
    const result = await changePolicyParameters(null, form({ teamId: '', note: 'Sneaky', forwardingWindowDays: '90' }));
    expect(result).toEqual({ ok: false, error: 'You do not have access to this.' });
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['a missing note', { note: '' }, 'note'],
    ['an over-long note', { note: 'x'.repeat(501) }, 'note'],
    ['a forwarding window of 0 days', { forwardingWindowDays: '0' }, 'parameters.forwardingWindowDays'],
    ['a forwarding window of 91 days', { forwardingWindowDays: '91' }, 'parameters.forwardingWindowDays'],
    ['a non-number', { staleDeviceDays: 'seven' }, 'parameters.staleDeviceDays'],
    ['a capture age of 31 days', { captureSyncMaxAgeDays: '31' }, 'parameters.captureSyncMaxAgeDays'],
    ['a supervisor weight of 6', { supervisorWeight: '6' }, 'parameters.supervisorWeight'],
    ['a severity weight of 101', { 'severityWeights.high': '101' }, 'parameters.severityWeights.high'],
    ['a negative severity weight', { 'severityWeights.low': '-1' }, 'parameters.severityWeights.low'],
    ['an unknown severity', { 'severityOverrides.F1': 'extreme' }, 'parameters.severityOverrides.F1'],
    ['an unknown attestation frequency', { attestationFrequency: 'weekly' }, 'parameters.attestationFrequency'],
    ['a date three years ago', { effectiveFrom: '2023-11-01' }, 'effectiveFrom'],
    ['a date that does not exist', { effectiveFrom: '2026-02-30' }, 'effectiveFrom'],
    ['no approved channel', { approvedChannelsMode: 'set' }, 'parameters.approvedChannels'],
    ['a channel neither captured nor not', { approvedChannelsMode: 'set', 'channel.teams': 'maybe' }, 'parameters.approvedChannels.0.captured'],
    ['an unknown team', { teamId: '9999' }, 'teamId'],
    ['a rule of another pack', { teamId: String(lawTeam), disabledRules: ['F1'] }, 'parameters.disabledRules'],
  ])('refuses %s with a field error and writes nothing', async (_name, fields, field) => {
    session.mockResolvedValue(person('officer@northbridge.example'));
    const before = snapshot();
    const result = await changePolicyParameters(null, form({ teamId: '', note: 'Valid note', forwardingWindowDays: '7', ...fields }));
    expect(result).toMatchObject({ ok: false });
    if (result && !result.ok) expect(result.fieldErrors?.[field]?.[0], JSON.stringify(result.fieldErrors)).toEqual(expect.any(String));
    expect(snapshot()).toEqual(before);
  });

  it('records an officer’s change from the form, effective today by default', async () => {
    session.mockResolvedValue(person('officer@northbridge.example'));
    const before = snapshot();
    const result = await changePolicyParameters(
      null,
      form({
        teamId: String(lawTeam), note: '  Litigation uses Signal with capture  ', approvedChannelsMode: 'set',
        'channel.teams': 'captured', 'assessed.teams': 'on', 'channel.signal': 'not_captured', 'severityWeights.critical': '20',
        'severityOverrides.L2': 'high', disabledRules: ['X3'], 'flag.usFederalRecords': 'no', supervisorWeight: '1.5', forwardingWindowDays: '',
      }),
    );
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('take effect') });
    const after = snapshot();
    expect(after.settings).toHaveLength(before.settings.length + 1);
    expect(after.audit).toHaveLength(before.audit.length + 1);
    const row = after.settings.at(-1) as { parameters: string; effective_from: number; note: string; team_id: number };
    expect(row).toMatchObject({ team_id: lawTeam, note: 'Litigation uses Signal with capture', effective_from: startOfUtcDay(new Date()).getTime() });
    expect(JSON.parse(row.parameters)).toEqual({
      approvedChannels: [
        { app: 'signal', captured: false, dataSharingAssessed: false },
        { app: 'teams', captured: true, dataSharingAssessed: true },
      ],
      severityWeights: { critical: 20 },
      severityOverrides: { L2: 'high' },
      disabledRules: ['X3'],
      supervisorWeight: 1.5,
      usFederalRecords: false,
    });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
