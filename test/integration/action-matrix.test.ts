import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/db/queries/users';
import { ROLES, type Role } from '@/lib/auth/roles';
import { databaseDigest } from '../helpers/digest';
import { sessionUserByEmail } from '../helpers/database';

/**
 * Every server action of the app, found from the 'use server' modules under lib/actions (so a new action missing
 * here fails), called by each kind of caller. A refused caller gets the refusal and nothing at all changes in the
 * database; an allowed one gets past the access check (to the validation of the empty form). Actions on one
 * person's or one team's records are also called on someone else's, and refused.
 */

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { ACCESS_DENIED } = await import('@/lib/auth/action-guard');
const sqlite = db.$client;
const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
const userByEmail = (email: string) => sessionUserByEmail(db, email);
const CALLERS: Record<Role, SessionUser> = {
  staff: userByEmail('staff@northbridge.example'),
  manager: userByEmail('manager@northbridge.example'),
  officer: userByEmail('officer@northbridge.example'),
  admin: userByEmail('admin@northbridge.example'),
};

type Action = (previous: null, form: FormData) => Promise<unknown>;
const ACTION_DIR = path.join(process.cwd(), 'lib', 'actions');
const actionModules = fs
  .readdirSync(ACTION_DIR)
  .filter((file) => file.endsWith('.ts') && /^['"]use server['"]/.test(fs.readFileSync(path.join(ACTION_DIR, file), 'utf8').trimStart()));
const actions = new Map<string, Action>();
for (const file of actionModules) {
  const exported = (await import(`@/lib/actions/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(exported)) if (typeof value === 'function') actions.set(name, value as Action);
}

const EVERYONE: readonly Role[] = ROLES;
const TEAM_VIEWERS: readonly Role[] = ['manager', 'officer'];
const OFFICER: readonly Role[] = ['officer'];
const ADMIN: readonly Role[] = ['admin'];

/** Action → the roles that may call it (on records in their scope). */
const MATRIX: Record<string, readonly Role[]> = {
  submitAttestation: EVERYONE,
  saveDraft: EVERYONE,
  registerDevice: EVERYONE,
  updateDevice: EVERYONE,
  retireDevice: EVERYONE,
  nudgeMember: TEAM_VIEWERS,
  createCampaign: OFFICER,
  grantException: OFFICER,
  revokeException: OFFICER,
  importDevices: OFFICER,
  changePolicyParameters: OFFICER,
  createToken: ADMIN,
  revokeToken: ADMIN,
  importPeople: ADMIN,
  saveOrganisationSettings: ADMIN,
  createPersonAction: ADMIN,
  updatePersonAction: ADMIN,
  changeRoleAction: ADMIN,
  setPersonActiveAction: ADMIN,
  setPasswordAction: ADMIN,
  addMembershipAction: ADMIN,
  endMembershipAction: ADMIN,
  addManagerAction: ADMIN,
  removeManagerAction: ADMIN,
  createTeamAction: ADMIN,
  updateTeamAction: ADMIN,
  addTeamMemberAction: ADMIN,
};

const form = (fields: Record<string, string> = {}) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const errorOf = (result: unknown) => (result && typeof result === 'object' && 'error' in result ? (result as { error: unknown }).error : undefined);

async function call(name: string, caller: SessionUser | null, fields?: Record<string, string>): Promise<unknown> {
  vi.mocked(getSessionUser).mockResolvedValue(caller);
  return actions.get(name)!(null, form(fields));
}

describe('server action access matrix', () => {
  it('covers every exported server action, and nothing that is gone', () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([name, allowed]) => [null, ...ROLES].map((role) => [name, role, role !== null && allowed.includes(role)] as const));
  it.each(cases)('%s as %s (allowed: %s)', async (name, role, allowed) => {
    const before = databaseDigest(sqlite);
    const result = await call(name, role === null ? null : CALLERS[role]);
    if (allowed) {
      expect(errorOf(result)).not.toBe(ACCESS_DENIED);
    } else {
      expect(errorOf(result)).toBe(ACCESS_DENIED);
      expect(databaseDigest(sqlite)).toEqual(before);
    }
  });

  describe("on someone else's records", () => {
    const otherTeam = one<{ id: number }>(
      'SELECT id FROM teams WHERE id NOT IN (SELECT team_id FROM team_managers WHERE user_id = ? AND until IS NULL) ORDER BY id LIMIT 1',
      CALLERS.manager.id,
    ).id;
    const outsider = one<{ id: number }>(
      `SELECT m.user_id AS id FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? AND m.left_at IS NULL AND u.active = 1
         AND m.user_id NOT IN (SELECT user_id FROM team_members WHERE team_id IN (SELECT value FROM json_each(?)) AND left_at IS NULL) LIMIT 1`,
      otherTeam,
      JSON.stringify(CALLERS.manager.managedTeamIds),
    ).id;
    const outsidersDevice = one<{ id: number }>('SELECT id FROM devices WHERE owner_id = ? AND retired_at IS NULL LIMIT 1', outsider).id;
    const campaignId = one<{ id: number }>('SELECT id FROM campaigns ORDER BY opens_at DESC LIMIT 1').id;
    const device = { kind: 'phone', ownership: 'byod', model: 'Pixel 8', os: 'android', osVersion: '15' };

    it.each([
      ["staff edits another person's device", 'updateDevice', 'staff', { deviceId: String(outsidersDevice), ...device }, 'That device does not exist.'],
      ["staff retire another person's device", 'retireDevice', 'staff', { deviceId: String(outsidersDevice) }, 'That device does not exist.'],
      ["a manager edits a member's device", 'updateDevice', 'manager', { deviceId: String(outsidersDevice), ...device }, 'That device does not exist.'],
      ['a manager nudges a member of a team they do not manage', 'nudgeMember', 'manager', { campaignId: String(campaignId), userId: String(outsider) }, 'That person is not in a team you manage.'],
    ] as const)('%s: refused, nothing changes', async (_about, name, role, fields, refusal) => {
      const before = databaseDigest(sqlite);
      const result = await call(name, CALLERS[role], fields);
      expect(errorOf(result)).toBe(refusal);
      expect(databaseDigest(sqlite)).toEqual(before);
    });
  });
});
