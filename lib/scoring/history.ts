import type { Sector } from '../policy/constants';
import { getPack } from '../policy';
import { mergeParameters, type PolicyParametersOverride } from '../policy/parameters';
import type {
  AttestationFact,
  CampaignFact,
  DeviceAppFact,
  DeviceFact,
  ExceptionFact,
  PersonEvidence,
  PolicyParameters,
} from '../policy/types';

/**
 * Everything the score depends on, with its time, for a set of people: the plain data db/ loads in bulk
 * and from which the evidence of any day is derived. Lists are sorted by their time field ascending.
 */
export interface EvidenceHistory {
  teams: ReadonlyMap<number, TeamRecord>;
  names: ReadonlyMap<number, string>;
  memberships: readonly MembershipRecord[];
  /** Person → the periods over which they managed a team, by `since`. */
  supervision: ReadonlyMap<number, readonly SupervisionPeriod[]>;
  campaigns: readonly CampaignRecord[];
  attestationsByUser: ReadonlyMap<number, readonly AttestationRecord[]>;
  devicesByUser: ReadonlyMap<number, readonly DeviceVersionRecord[]>;
  exceptionsByUser: ReadonlyMap<number, readonly ExceptionRecord[]>;
  exceptionsByTeam: ReadonlyMap<number, readonly ExceptionRecord[]>;
  /** The organisation's settings rows, by effectiveFrom. */
  organisationSettings: readonly SettingsRecord[];
  /** Each team's own settings rows, by effectiveFrom. */
  teamSettings: ReadonlyMap<number, readonly SettingsRecord[]>;
}

export interface TeamRecord {
  id: number;
  name: string;
  sector: Sector;
  /** The pack the team is scored against; its sector's pack when absent. */
  packId?: Sector;
}

/** Management of some team over [since, until). */
export interface SupervisionPeriod {
  since: Date;
  until: Date | null;
}

/** Membership over [joinedAt, leftAt). */
export interface MembershipRecord {
  teamId: number;
  userId: number;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface CampaignRecord extends CampaignFact {
  allTeams: boolean;
  teamIds: readonly number[];
}

export interface AttestationRecord extends AttestationFact {
  userId: number;
}

/**
 * One version of a device, valid over [validFrom, validTo). `lastSeenAt` and each app's
 * `lastCaptureSyncAt` are the latest known during the version; on an earlier day they read as that day.
 */
export interface DeviceVersionRecord extends Omit<DeviceFact, 'apps'> {
  validFrom: Date;
  validTo: Date | null;
  retiredAt: Date | null;
  apps: readonly DeviceAppFact[];
}

export interface ExceptionRecord extends Omit<ExceptionFact, 'scope'> {
  userId: number | null;
  teamId: number | null;
  revokedAt: Date | null;
}

export interface SettingsRecord {
  teamId: number | null;
  effectiveFrom: Date;
  parameters: PolicyParametersOverride;
}

const NONE: readonly ExceptionRecord[] = [];
const before = (t: Date, asOf: Date) => t.getTime() <= asOf.getTime();
const openAt = (end: Date | null, asOf: Date) => end === null || end.getTime() > asOf.getTime();

/** The latest item whose time is ≤ asOf, in a list sorted ascending by that time. */
function latestBy<T>(items: readonly T[], time: (item: T) => Date, asOf: Date, accept: (item: T) => boolean = () => true): T | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i]!;
    if (before(time(item), asOf) && accept(item)) return item;
  }
  return undefined;
}

/** Memberships in force on `asOf`. */
export function membershipsOn(history: EvidenceHistory, asOf: Date): MembershipRecord[] {
  return history.memberships.filter((m) => before(m.joinedAt, asOf) && openAt(m.leftAt, asOf));
}

/** Parameters in force for a team on `asOf`: defaults ← organisation's latest row ← team's latest row. */
export function parametersOn(history: EvidenceHistory, teamId: number, asOf: Date): PolicyParameters {
  const org = latestBy(history.organisationSettings, (s) => s.effectiveFrom, asOf);
  const team = latestBy(history.teamSettings.get(teamId) ?? [], (s) => s.effectiveFrom, asOf);
  return mergeParameters(org?.parameters ?? {}, team?.parameters ?? {});
}

/** The campaign in force for a team on `asOf`: the latest opened one whose audience includes it. */
export function campaignOn(history: EvidenceHistory, teamId: number, asOf: Date): CampaignRecord | null {
  return latestBy(history.campaigns, (c) => c.opensAt, asOf, (c) => c.allTeams || c.teamIds.includes(teamId)) ?? null;
}

/** Whether an exception is in force on `asOf` (started, not expired, not revoked). */
export function exceptionInForce(exception: ExceptionRecord, asOf: Date): boolean {
  return before(exception.startsAt, asOf) && exception.expiresAt.getTime() > asOf.getTime() && openAt(exception.revokedAt, asOf);
}

function clampToDay(value: Date | null, asOf: Date): Date | null {
  return value && value.getTime() > asOf.getTime() ? asOf : value;
}

/** A person's devices as they stood on `asOf`. Objects are shared with the history unless a time needs clamping. */
export function devicesOn(history: EvidenceHistory, userId: number, asOf: Date): DeviceFact[] {
  const devices: DeviceFact[] = [];
  for (const version of history.devicesByUser.get(userId) ?? []) {
    if (!before(version.validFrom, asOf) || !openAt(version.validTo, asOf) || !openAt(version.retiredAt, asOf)) continue;
    const lastSeenAt = clampToDay(version.lastSeenAt, asOf);
    const clampApps = version.apps.some((app) => clampToDay(app.lastCaptureSyncAt, asOf) !== app.lastCaptureSyncAt);
    if (lastSeenAt === version.lastSeenAt && !clampApps) {
      devices.push(version);
      continue;
    }
    devices.push({
      ...version,
      lastSeenAt,
      apps: clampApps ? version.apps.map((app) => ({ ...app, lastCaptureSyncAt: clampToDay(app.lastCaptureSyncAt, asOf) })) : version.apps,
    });
  }
  return devices;
}

/**
 * One member's evidence on `asOf`, for their team `teamId`; null when they are not a member that day.
 * Exceptions are passed whole (the engine applies their dates) but only those not revoked by `asOf`.
 */
export function evidenceOn(
  history: EvidenceHistory,
  membership: MembershipRecord,
  asOf: Date,
  parameters: PolicyParameters = parametersOn(history, membership.teamId, asOf),
): PersonEvidence {
  const team = teamOf(history, membership.teamId);
  const { userId } = membership;
  const attestations = history.attestationsByUser.get(userId) ?? [];
  const campaign = campaignOn(history, team.id, asOf);
  const latest = latestBy(attestations, (a) => a.submittedAt, asOf);
  const current = campaign ? latestBy(attestations, (a) => a.submittedAt, asOf, (a) => a.campaignId === campaign.id) : undefined;
  const exceptions: ExceptionFact[] = [];
  for (const list of [history.exceptionsByUser.get(userId) ?? NONE, history.exceptionsByTeam.get(team.id) ?? NONE]) {
    for (const e of list) {
      if (openAt(e.revokedAt, asOf)) {
        exceptions.push({ id: e.id, ruleId: e.ruleId, reason: e.reason, startsAt: e.startsAt, expiresAt: e.expiresAt, scope: e.userId === null ? 'team' : 'person' });
      }
    }
  }
  return {
    userId,
    name: history.names.get(userId) ?? `Person ${userId}`,
    sector: team.sector,
    isSupervisor: isSupervisorOn(history, userId, asOf),
    parameters,
    currentCampaign: campaign ? { id: campaign.id, period: campaign.period, opensAt: campaign.opensAt, dueAt: campaign.dueAt } : null,
    // A record is the fact plus its owner's id (this person's): shared, not copied, as rescoring reads many.
    currentAttestation: current ?? null,
    latestAttestation: latest ?? null,
    devices: devicesOn(history, userId, asOf),
    exceptions,
  };
}

/** Whether the person managed a team on `asOf`. */
export function isSupervisorOn(history: EvidenceHistory, userId: number, asOf: Date): boolean {
  return (history.supervision.get(userId) ?? []).some((p) => before(p.since, asOf) && openAt(p.until, asOf));
}

function teamOf(history: EvidenceHistory, teamId: number): TeamRecord {
  const team = history.teams.get(teamId);
  if (!team) throw new Error(`Team ${teamId} is missing from the evidence history`);
  return team;
}

/** The policy pack a team is scored against (the team's chosen pack, else its sector's). */
export function packForTeam(history: EvidenceHistory, teamId: number) {
  const team = teamOf(history, teamId);
  return getPack(team.packId ?? team.sector);
}
