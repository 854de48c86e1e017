/**
 * The one map from role to capability. Navigation, page guards, actions and route handlers all read
 * it; nothing else compares role names. Pure: no framework or database imports.
 */

export const ROLES = ['staff', 'manager', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** "My compliance": own score, findings, devices, attestations, own data. */
  'view:own',
  /** Team pages, scoped: managers to the teams they manage, officers to every team. */
  'view:team',
  /** The organisation dashboard and every team. */
  'view:organisation',
  /** Quarterly PDF of the teams in scope. */
  'export:team-report',
  'export:organisation-report',
  'manage:campaigns',
  'manage:policy',
  'manage:exceptions',
  'import:devices',
  'view:audit',
  'manage:users',
  'manage:teams',
  'manage:api-tokens',
  'manage:settings',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const STAFF: readonly Capability[] = ['view:own'];
const MANAGER: readonly Capability[] = [...STAFF, 'view:team', 'export:team-report'];
const OFFICER: readonly Capability[] = [
  ...MANAGER,
  'view:organisation',
  'export:organisation-report',
  'manage:campaigns',
  'manage:policy',
  'manage:exceptions',
  'import:devices',
  'view:audit',
];
const ADMIN: readonly Capability[] = [
  ...STAFF,
  'manage:users',
  'manage:teams',
  'manage:api-tokens',
  'manage:settings',
];

const CAPABILITIES_BY_ROLE: Readonly<Record<Role, ReadonlySet<Capability>>> = {
  staff: new Set(STAFF),
  manager: new Set(MANAGER),
  officer: new Set(OFFICER),
  admin: new Set(ADMIN),
};

/** Whether `role` grants `capability`. */
export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES_BY_ROLE[role].has(capability);
}

/** Human label of each role. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  staff: 'Staff',
  manager: 'Manager',
  officer: 'Compliance officer',
  admin: 'Administrator',
};

/** An entry of the main navigation, shown to roles holding its capability. */
export interface NavItem {
  href: string;
  label: string;
  capability: Capability;
}

/** Navigation in display order. The first item a role may open is its home. */
const NAVIGATION: readonly NavItem[] = [
  { href: '/organisation', label: 'Organisation', capability: 'view:organisation' },
  { href: '/policy', label: 'Policy', capability: 'manage:policy' },
  { href: '/exceptions', label: 'Exceptions', capability: 'manage:exceptions' },
  { href: '/imports', label: 'Imports', capability: 'import:devices' },
  { href: '/audit', label: 'Audit log', capability: 'view:audit' },
  { href: '/teams', label: 'My teams', capability: 'view:team' },
  { href: '/campaigns', label: 'Campaigns', capability: 'view:team' },
  { href: '/settings', label: 'Settings', capability: 'manage:settings' },
  { href: '/admin/people', label: 'People', capability: 'manage:users' },
  { href: '/admin/teams', label: 'Teams', capability: 'manage:teams' },
  { href: '/my', label: 'My compliance', capability: 'view:own' },
];

/** The navigation items `role` may open, in display order. */
export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION.filter((item) => can(role, item.capability));
}

/** Where `role` lands after signing in: staff → My compliance, manager → My teams, officer → Organisation, admin → Settings. */
export function homePathFor(role: Role): string {
  const first = navigationFor(role)[0];
  return first ? first.href : '/my';
}

/** Type guard for role strings read from storage or tokens. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The part of a signed-in person that access decisions read. */
export interface AccessSubject {
  id: number;
  role: Role;
  managedTeamIds: readonly number[];
}

/** Teams whose pages `subject` may open: every team for organisation viewers, else the teams they manage. */
export function teamScope(subject: AccessSubject): 'all' | readonly number[] {
  if (can(subject.role, 'view:organisation')) return 'all';
  if (can(subject.role, 'view:team')) return subject.managedTeamIds;
  return [];
}

/** Whether `subject` may see team `teamId` and its members. */
export function canViewTeam(subject: AccessSubject, teamId: number): boolean {
  const scope = teamScope(subject);
  return scope === 'all' || scope.includes(teamId);
}
