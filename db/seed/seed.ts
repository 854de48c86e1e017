import type Database from 'better-sqlite3';
import type { Sector } from '@/lib/policy/constants';
import { getPack } from '@/lib/policy';
import type { PolicyParameters } from '@/lib/policy/types';
import { GENESIS_HASH, attestationHash, auditEntryHash } from '@/lib/audit/hash';
import { PERSONAL_KEY_BYTES, SEALING_IV_BYTES, sealPersonal } from '@/lib/audit/personal';
import { quarterOf } from '@/lib/time';
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES, OFFICES, TEAM_NAMES } from './catalog';
import { chooseDeviceModels, generateDeviceHistory } from './devices';
import { generateAnswers } from './answers';
import { Random } from './random';

const DAY_MS = 86_400_000;
export const SEED_SIZES = ['small', 'demo', 'large'] as const;
export type SeedSize = (typeof SEED_SIZES)[number];

interface SizeProfile {
  teamsPerSector: number;
  membersPerTeam: readonly [number, number];
  deviceOdds: { laptop: number; tablet: number; secondPhone: number };
}

const PROFILES: Readonly<Record<SeedSize, SizeProfile>> = {
  small: { teamsPerSector: 1, membersPerTeam: [8, 10], deviceOdds: { laptop: 0.5, tablet: 0.05, secondPhone: 0.1 } },
  demo: { teamsPerSector: 4, membersPerTeam: [22, 28], deviceOdds: { laptop: 0.62, tablet: 0.08, secondPhone: 0.12 } },
  large: { teamsPerSector: 32, membersPerTeam: [500, 542], deviceOdds: { laptop: 0.9, tablet: 0.2, secondPhone: 0.3 } },
};

/** Days of history the seed writes before `asOf` (about 18 months), and quarters of campaigns. */
export const SEED_HISTORY_DAYS = 548;
export const SEED_CAMPAIGN_QUARTERS = 6;
export const DEMO_PASSWORD = 'onchannel-demo';
export const DEMO_DOMAIN = 'northbridge.example';

/** The sign-ins listed in the README and printed at start. */
export const DEMO_ACCOUNTS = [
  { email: `admin@${DEMO_DOMAIN}`, name: 'Ada Adebayo', role: 'admin' },
  { email: `officer@${DEMO_DOMAIN}`, name: 'Olivia Okafor', role: 'officer' },
  { email: `officer2@${DEMO_DOMAIN}`, name: 'Owen Lindqvist', role: 'officer' },
  { email: `manager@${DEMO_DOMAIN}`, name: 'Morgan Patel', role: 'manager' },
  { email: `staff@${DEMO_DOMAIN}`, name: 'Sam Thompson', role: 'staff' },
] as const;

/** Team flags that switch sector rules on (F5, F6, G7). */
const TEAM_FLAGS: Readonly<Record<string, Partial<PolicyParameters>>> = {
  'Equities Trading': { ukMifidActivity: true },
  'Rates & Swaps': { usSwapDealer: true },
  'US Liaison Office': { usFederalRecords: true },
};

/** Plausible waiver reasons, by the kind of rule waived. */
const EXCEPTION_REASONS: Readonly<Record<'device' | 'app' | 'other', readonly string[]>> = {
  device: [
    'Device replacement on order; old handset in use until delivery.',
    'Legacy OS needed for a court e-filing system until the vendor upgrade.',
  ],
  app: [
    'Client in a jurisdiction where only WhatsApp is available; messages exported weekly to the archive.',
    'Backup needed while migrating to a new handset; switched off after the move.',
  ],
  other: ['Travelling on a secondment abroad; attestation and records review scheduled on return.'],
};
const DEVICE_RULES = new Set(['X1', 'X7', 'L4']);
const APP_RULES = new Set(['X2', 'X4', 'G5']);

export interface SeedOptions {
  size: SeedSize;
  asOf: Date;
  /** bcrypt hash every demo account shares (hashing once keeps the seed fast). */
  passwordHash: string;
  randomSeed?: number;
  /** Days of device and membership history (default SEED_HISTORY_DAYS). */
  historyDays?: number;
  /** Quarterly campaigns, the current quarter included (default SEED_CAMPAIGN_QUARTERS). */
  quarters?: number;
}

export interface SeedSummary {
  teams: number;
  users: number;
  devices: number;
  deviceVersions: number;
  campaigns: number;
  attestations: number;
}

interface SeedPerson {
  id: number;
  name: string;
  teamIndex: number;
  isManager: boolean;
  joinedAt: number;
  leftAt: number | null;
  care: number;
  businessApps: Set<string>;
}

/**
 * Writes a whole demo organisation into an empty, migrated database: teams across the three sectors,
 * people with managers, devices with 18 months of versioned history, six quarters of campaigns and
 * attestations, policy settings and exceptions. Deterministic for the same options. One transaction,
 * prepared statements (the large size writes about a million rows).
 */
export function seedDatabase(sqlite: Database.Database, options: SeedOptions): SeedSummary {
  const random = new Random(options.randomSeed ?? 20261123);
  const profile = PROFILES[options.size];
  const asOf = options.asOf.getTime();
  const historyDays = options.historyDays ?? SEED_HISTORY_DAYS;
  const historyStart = asOf - historyDays * DAY_MS;
  const summary: SeedSummary = { teams: 0, users: 0, devices: 0, deviceVersions: 0, campaigns: 0, attestations: 0 };

  const insertUser = sqlite.prepare(
    'INSERT INTO users (email, name, role, password_hash, job_title, active, deactivated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTeam = sqlite.prepare('INSERT INTO teams (name, sector, policy_pack_id, created_at) VALUES (?, ?, ?, ?)');
  const insertMember = sqlite.prepare('INSERT INTO team_members (team_id, user_id, joined_at, left_at) VALUES (?, ?, ?, ?)');
  const insertManager = sqlite.prepare('INSERT INTO team_managers (team_id, user_id, since) VALUES (?, ?, ?)');
  const insertDevice = sqlite.prepare('INSERT INTO devices (owner_id, external_id, source, created_at, retired_at) VALUES (?, ?, ?, ?, ?)');
  const insertVersion = sqlite.prepare(
    `INSERT INTO device_versions (device_id, valid_from, valid_to, model, kind, ownership, os, os_version, mdm_enrolled,
       encrypted, passcode, last_seen_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed')`,
  );
  const insertApp = sqlite.prepare(
    `INSERT INTO device_apps (device_version_id, app, app_version, business_use, cloud_backup, disappearing_messages,
       capture_enabled, contact_upload, last_capture_sync_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCampaign = sqlite.prepare(
    'INSERT INTO campaigns (name, period, opens_at, due_at, all_teams, created_by, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
  );
  const insertAttestation = sqlite.prepare(
    `INSERT INTO attestations (user_id, campaign_id, pack_id, pack_version, answers, question_texts, signature_name,
       submitted_at, ip_address, user_agent, supersedes_id, content_hash, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSetting = sqlite.prepare(
    'INSERT INTO policy_settings (team_id, parameters, effective_from, changed_by, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertException = sqlite.prepare(
    `INSERT INTO exceptions (rule_id, user_id, team_id, reason, approved_by, starts_at, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Keys and IVs from their own generator: the same demo data whatever sealing draws, and the same bytes every run.
  const sealingRandom = new Random((options.randomSeed ?? 20261123) ^ 0x5ea1ed);
  const insertPersonalKey = sqlite.prepare('INSERT INTO personal_keys (user_id, key) VALUES (?, ?)');
  const personalKeys = new Map<number, Buffer>();
  const seal = (userId: number, text: string) => {
    let key = personalKeys.get(userId);
    if (!key) {
      key = sealingRandom.bytes(PERSONAL_KEY_BYTES);
      personalKeys.set(userId, key);
      insertPersonalKey.run(userId, key);
    }
    return sealPersonal(userId, key, sealingRandom.bytes(SEALING_IV_BYTES), text);
  };
  const insertAudit = sqlite.prepare(
    'INSERT INTO audit_log (at, actor_id, action, target_type, target_id, summary, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const usedEmails = new Set<string>();
  const addUser = (email: string, name: string, role: string, jobTitle: string | null, createdAt: number, leftAt: number | null) => {
    usedEmails.add(email);
    summary.users += 1;
    return Number(insertUser.run(email, name, role, options.passwordHash, jobTitle, leftAt === null ? 1 : 0, leftAt, createdAt).lastInsertRowid);
  };
  const personEmail = (first: string, last: string) => {
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    for (let n = 1; ; n += 1) {
      const email = `${base}${n === 1 ? '' : n}@${DEMO_DOMAIN}`;
      if (!usedEmails.has(email)) return email;
    }
  };

  sqlite.transaction(() => {
    sqlite.prepare('INSERT INTO organisation (id, name, fiscal_year_start_month, created_at) VALUES (1, ?, 1, ?)').run('Northbridge Partners', historyStart);
    const fixed = new Map(DEMO_ACCOUNTS.map((a) => [a.email, a]));
    const [admin, officer] = [DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]].map((a) =>
      addUser(a.email, a.name, a.role, a.role === 'admin' ? 'IT administrator' : 'Head of compliance', historyStart, null),
    ) as [number, number];
    addUser(DEMO_ACCOUNTS[2].email, DEMO_ACCOUNTS[2].name, 'officer', 'Compliance officer', historyStart, null);

    // Teams, members and managers. The demo manager runs the first two finance teams; the demo staff member sits in the first.
    const teams: { id: number; name: string; sector: Sector }[] = [];
    for (const sector of ['finance', 'law', 'government'] as const satisfies readonly Sector[]) {
      const names = TEAM_NAMES[sector];
      for (let i = 0; i < profile.teamsPerSector; i += 1) {
        const base = names[i % names.length]!;
        const name = profile.teamsPerSector > names.length ? `${base} — ${OFFICES[Math.floor(i / names.length) % OFFICES.length]}${i >= names.length * OFFICES.length ? ` ${Math.floor(i / (names.length * OFFICES.length)) + 1}` : ''}` : base;
        const id = Number(insertTeam.run(name, sector, sector, historyStart).lastInsertRowid);
        teams.push({ id, name, sector });
      }
    }
    summary.teams = teams.length;

    const people: SeedPerson[] = [];
    const teamCare = teams.map(() => 0.6 + random.next() * 0.35);
    const demoManager = fixed.get(`manager@${DEMO_DOMAIN}`)!;
    const demoStaff = fixed.get(`staff@${DEMO_DOMAIN}`)!;
    teams.forEach((team, teamIndex) => {
      const size = random.int(profile.membersPerTeam[0], profile.membersPerTeam[1]);
      for (let m = 0; m < size; m += 1) {
        const isManager = m === 0;
        const joinedAt = random.chance(0.85) ? historyStart - random.int(30, 900) * DAY_MS : historyStart + random.int(1, historyDays - 30) * DAY_MS;
        const leftAt = !isManager && random.chance(0.03) ? Math.max(joinedAt + 60 * DAY_MS, asOf - random.int(5, 360) * DAY_MS) : null;
        let email: string;
        let name: string;
        if (teamIndex === 0 && m === 0) ({ email, name } = demoManager);
        else if (teamIndex === 0 && m === 1) ({ email, name } = demoStaff);
        else {
          const first = random.pick(FIRST_NAMES);
          const last = random.pick(LAST_NAMES);
          name = `${first} ${last}`;
          email = personEmail(first, last);
        }
        const role = isManager ? 'manager' : 'staff';
        const title = isManager ? 'Team lead' : random.pick(JOB_TITLES[team.sector]);
        const id = addUser(email, name, role, title, joinedAt, leftAt);
        insertMember.run(team.id, id, joinedAt, leftAt);
        if (isManager) insertManager.run(team.id, id, joinedAt);
        const care = Math.min(0.99, Math.max(0.2, teamCare[teamIndex]! + (random.next() - 0.5) * 0.3));
        people.push({ id, name, teamIndex, isManager, joinedAt, leftAt, care, businessApps: new Set() });
      }
    });
    const demoManagerId = people[0]!.id;
    // A manager can run several teams, and is a member of each team they manage: the demo manager also runs
    // the next team of the same sector (same pack, so one attestation serves both), where there is one.
    const secondTeam = teams[1]?.sector === teams[0]!.sector ? teams[1] : undefined;
    if (secondTeam) {
      insertMember.run(secondTeam.id, demoManagerId, historyStart, null);
      insertManager.run(secondTeam.id, demoManagerId, historyStart);
    }

    // Devices with versioned history. Retired with their owner when the owner leaves.
    for (const person of people) {
      const sector = teams[person.teamIndex]!.sector;
      for (const catalog of chooseDeviceModels(random, profile.deviceOdds)) {
        const ownership = catalog.kind === 'laptop' || (sector === 'finance' ? random.chance(0.85) : random.chance(0.45)) ? 'corporate' : 'byod';
        const createdAt = Math.max(person.joinedAt, historyStart - random.int(0, 200) * DAY_MS) + random.int(0, 20) * DAY_MS;
        const end = person.leftAt ?? asOf;
        if (createdAt >= end) continue;
        const history = generateDeviceHistory(random, catalog, sector, ownership, createdAt, end);
        const externalId = ownership === 'corporate' ? `SN-${(summary.devices + 1).toString(36).toUpperCase().padStart(8, '0')}` : null;
        const deviceId = Number(insertDevice.run(person.id, externalId, 'seed', createdAt, person.leftAt).lastInsertRowid);
        summary.devices += 1;
        history.states.forEach(({ validFrom, state }, index) => {
          const validTo = history.states[index + 1]?.validFrom ?? person.leftAt;
          // Most devices check in daily; a few go quiet and become stale.
          const seenUntil = validTo ?? asOf;
          const lastSeen = random.chance(0.95) ? seenUntil - random.int(0, 2) * DAY_MS : seenUntil - random.int(8, 60) * DAY_MS;
          const versionId = Number(
            insertVersion.run(deviceId, validFrom, validTo, state.model, state.kind, state.ownership, state.os,
              catalog.osVersions[state.osVersionIndex]!, +state.mdmEnrolled, +state.encrypted, +state.passcode,
              Math.max(validFrom, lastSeen)).lastInsertRowid,
          );
          summary.deviceVersions += 1;
          for (const app of state.apps) {
            // The latest sync known during the version: as far behind its end as the app lagged when generated.
            const syncLag = app.lastCaptureSyncAt === null ? null : validFrom - app.lastCaptureSyncAt;
            const lastSync = syncLag === null ? null : Math.max(validFrom - syncLag, seenUntil - syncLag);
            insertApp.run(versionId, app.app, app.appVersion, +app.businessUse, +app.cloudBackup, +app.disappearingMessages,
              +app.captureEnabled, +app.contactUpload, lastSync);
            if (app.businessUse && validTo === null) person.businessApps.add(app.app);
          }
        });
      }
    }

    // Policy settings: the organisation's, one change seven months ago, and team flags.
    insertSetting.run(null, JSON.stringify({}), historyStart, officer, 'Initial messaging policy', historyStart);
    const tightened = asOf - 210 * DAY_MS;
    insertSetting.run(null, JSON.stringify({ forwardingWindowDays: 5 }), tightened, officer, 'Forwarding window shortened to 5 days after internal audit', tightened);
    for (const team of teams) {
      const flags = TEAM_FLAGS[team.name.split(' — ')[0]!];
      if (flags) insertSetting.run(team.id, JSON.stringify(flags), historyStart, officer, 'Regulated activity of the team', historyStart);
    }

    // Quarterly campaigns (six by default), each due eight weeks after it opens.
    let quarter = quarterOf(new Date(asOf));
    const quarters = [quarter];
    for (let i = 1; i < (options.quarters ?? SEED_CAMPAIGN_QUARTERS); i += 1) {
      quarter = quarterOf(new Date(quarter.start.getTime() - DAY_MS));
      quarters.unshift(quarter);
    }
    const campaigns = quarters.map((q) => {
      const opensAt = q.start.getTime();
      const dueAt = opensAt + 56 * DAY_MS;
      const id = Number(insertCampaign.run(`${q.label} messaging attestation`, q.label, opensAt, dueAt, officer, opensAt - 7 * DAY_MS).lastInsertRowid);
      summary.campaigns += 1;
      return { id, opensAt, dueAt };
    });

    // Attestations: uneven completion by team and person, some late, a few corrected; chained in submission order.
    const pending: { person: SeedPerson; campaignId: number; submittedAt: number; correction: boolean }[] = [];
    for (const campaign of campaigns) {
      for (const person of people) {
        if (person.joinedAt > campaign.dueAt || (person.leftAt !== null && person.leftAt < campaign.opensAt)) continue;
        if (!random.chance(Math.min(0.99, person.care + 0.1))) continue;
        const late = random.chance(1 - person.care) ? random.int(1, 25) : 0;
        const submittedAt = campaign.opensAt + random.int(0, 55) * DAY_MS + late * DAY_MS + random.int(8, 18) * 3_600_000;
        if (submittedAt > asOf || (person.leftAt !== null && submittedAt > person.leftAt)) continue;
        pending.push({ person, campaignId: campaign.id, submittedAt, correction: false });
        if (random.chance(0.03) && submittedAt + 3 * DAY_MS < asOf) {
          pending.push({ person, campaignId: campaign.id, submittedAt: submittedAt + random.int(1, 3) * DAY_MS, correction: true });
        }
      }
    }
    pending.sort((a, b) => a.submittedAt - b.submittedAt);
    let prevHash = GENESIS_HASH;
    const latestByPersonCampaign = new Map<string, number>();
    for (const item of pending) {
      const sector = teams[item.person.teamIndex]!.sector;
      const pack = getPack(sector);
      const answers = generateAnswers(random, pack.questions, {
        care: item.person.care,
        isSupervisor: item.person.isManager,
        businessApps: [...item.person.businessApps],
      });
      const questionTexts = Object.fromEntries(pack.questions.filter((q) => q.id in answers).map((q) => [q.id, q.text]));
      const key = `${item.person.id}:${item.campaignId}`;
      const supersedesId = item.correction ? latestByPersonCampaign.get(key) ?? null : null;
      const content = {
        userId: item.person.id,
        campaignId: item.campaignId,
        packId: pack.id,
        packVersion: pack.version,
        answers,
        signatureName: seal(item.person.id, item.person.name),
        submittedAt: new Date(item.submittedAt),
        supersedesId,
      };
      const contentHash = attestationHash(prevHash, content);
      const id = Number(
        insertAttestation.run(item.person.id, item.campaignId, pack.id, pack.version, JSON.stringify(answers),
          JSON.stringify(questionTexts), content.signatureName, item.submittedAt, seal(item.person.id, `10.20.${random.int(0, 255)}.${random.int(1, 254)}`),
          seal(item.person.id, random.pick(['Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X)', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 15_5)'])),
          supersedesId, contentHash, prevHash).lastInsertRowid,
      );
      latestByPersonCampaign.set(key, id);
      prevHash = contentHash;
      summary.attestations += 1;
    }

    // Exceptions: about one person in thirty, some still in force, some expired.
    for (const person of people) {
      if (!random.chance(1 / 30)) continue;
      const rule = random.pick(getPack(teams[person.teamIndex]!.sector).rules.filter((r) => r.severity !== 'critical'));
      const startsAt = asOf - random.int(10, 400) * DAY_MS;
      const expiresAt = startsAt + random.int(30, 180) * DAY_MS;
      const reasons = EXCEPTION_REASONS[DEVICE_RULES.has(rule.id) ? 'device' : APP_RULES.has(rule.id) ? 'app' : 'other'];
      insertException.run(rule.id, person.id, null, random.pick(reasons), officer, startsAt, expiresAt, startsAt);
    }

    const auditSummary = { size: options.size, ...summary };
    const entry = { at: new Date(asOf), actorId: admin, action: 'seed.create', targetType: 'organisation', targetId: '1', summary: auditSummary };
    insertAudit.run(asOf, admin, entry.action, entry.targetType, entry.targetId, JSON.stringify(auditSummary), GENESIS_HASH,
      auditEntryHash(GENESIS_HASH, entry));
  })();

  return summary;
}
