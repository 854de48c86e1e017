import { describe, expect, it } from 'vitest';
import { CAPABILITIES, ROLES, can, canViewTeam, homePathFor, isRole, navigationFor, teamScope, type Capability, type Role } from '@/lib/auth/roles';

describe('role → capability map', () => {
  const expected: Record<Role, Capability[]> = {
    staff: ['view:own'],
    manager: ['view:own', 'view:team', 'export:team-report'],
    officer: [
      'view:own', 'view:team', 'export:team-report', 'view:organisation', 'export:organisation-report',
      'manage:campaigns', 'manage:policy', 'manage:exceptions', 'import:devices', 'view:audit',
    ],
    admin: ['view:own', 'manage:users', 'manage:teams', 'manage:api-tokens', 'manage:settings'],
  };

  it.each(ROLES)('%s holds exactly its capabilities', (role) => {
    const held = CAPABILITIES.filter((capability) => can(role, capability));
    expect(held.sort()).toEqual([...expected[role]].sort());
  });

  it.each([
    ['staff', '/my', ['My compliance']],
    ['manager', '/teams', ['My teams', 'Campaigns', 'My compliance']],
    ['officer', '/organisation', ['Organisation', 'Policy', 'Exceptions', 'Imports', 'Audit log', 'My teams', 'Campaigns', 'My compliance']],
    ['admin', '/settings', ['Settings', 'People', 'Teams', 'My compliance']],
  ] as const)('%s lands on %s and sees %j', (role, home, labels) => {
    expect(homePathFor(role)).toBe(home);
    expect(navigationFor(role).map((item) => item.label)).toEqual(labels);
  });

  it('recognises only known roles', () => {
    expect(isRole('officer')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe('team scope', () => {
  const subject = (role: Role, managedTeamIds: number[] = []) => ({ id: 1, role, managedTeamIds });

  it.each([
    ['staff managing nothing', subject('staff'), 3, false],
    ['staff wrongly listed as a manager', subject('staff', [3]), 3, false],
    ['manager of the team', subject('manager', [3, 4]), 4, true],
    ['manager of another team', subject('manager', [3]), 5, false],
    ['officer', subject('officer'), 99, true],
    ['admin', subject('admin'), 3, false],
  ] as const)('%s → %s', (_name, who, teamId, allowed) => {
    expect(canViewTeam(who, teamId)).toBe(allowed);
  });

  it('is every team for officers and the managed teams for managers', () => {
    expect(teamScope(subject('officer'))).toBe('all');
    expect(teamScope(subject('manager', [7]))).toEqual([7]);
    expect(teamScope(subject('staff', [7]))).toEqual([]);
  });
});
