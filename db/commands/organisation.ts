import { DEFAULT_POLICY_PARAMETERS } from '@/lib/policy/parameters';
import { SECTORS } from '@/lib/policy/constants';
import { startOfUtcDay } from '@/lib/time';
import { fieldFailure, type ActionResult } from '@/lib/validation/action-result';
import type { OrganisationSettingsInput } from '@/lib/validation/organisation';
import { policyOverrideSchema } from '@/lib/validation/policy';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { findSettingInForce } from '../queries/policy';
import type { Actor, CommandOptions } from './actor';
import { applyPolicyChange } from './policy-settings';

/** The organisation's own columns the settings form edits (stale-device days live in the versioned policy). */
type OrganisationColumns = Omit<OrganisationSettingsInput, 'staleDeviceDays'>;

const COLUMNS: Record<keyof OrganisationColumns, string> = {
  name: 'name',
  sectorsInUse: 'sectors_in_use',
  fiscalYearStartMonth: 'fiscal_year_start_month',
  reminderLeadDays: 'reminder_lead_days',
  reminderIntervalDays: 'reminder_interval_days',
  retentionYears: 'retention_years',
};

/** What saving the settings changed: the fields that differed, and whether scores must be refreshed from `scoresFrom`. */
export type OrganisationSettingsResult = ActionResult<{ changed: string[]; scoresFrom: Date | null }>;

/**
 * Saves the organisation settings in one immediate transaction, audited ('organisation.update', before and after
 * of the fields that changed). Stale-device days are a policy parameter whose history scores depend on: a new
 * value is recorded as a new organisation-wide policy version from today (its own 'policy.change' entry), keeping
 * the rest of the override in force. Refuses, writing nothing, dropping a sector that a team still has.
 */
export function updateOrganisationSettings(db: AppDatabase, actor: Actor, input: OrganisationSettingsInput, { now = new Date() }: CommandOptions = {}): OrganisationSettingsResult {
  return db.transaction(
    (tx): OrganisationSettingsResult => {
      const sqlite = db.$client;
      const row = sqlite
        .prepare<[], Record<keyof OrganisationColumns, unknown>>(
          `SELECT ${Object.entries(COLUMNS).map(([key, column]) => `${column} AS ${key}`).join(', ')} FROM organisation WHERE id = 1`,
        )
        .get();
      const before: OrganisationColumns = row
        ? { ...(row as OrganisationColumns), sectorsInUse: JSON.parse(String(row.sectorsInUse)) as OrganisationColumns['sectorsInUse'] }
        : { name: '', sectorsInUse: [...SECTORS], fiscalYearStartMonth: 1, reminderLeadDays: 7, reminderIntervalDays: 1, retentionYears: 7 };

      const dropped = before.sectorsInUse.filter((s) => !input.sectorsInUse.includes(s));
      if (dropped.length > 0) {
        const teams = sqlite
          .prepare<[string], { name: string; sector: string }>('SELECT name, sector FROM teams WHERE sector IN (SELECT value FROM json_each(?)) ORDER BY name')
          .all(JSON.stringify(dropped));
        if (teams.length > 0) {
          const shown = teams.slice(0, 5).map((t) => `${t.name} (${t.sector})`).join(', ');
          return fieldFailure({ sectorsInUse: [`A sector still used by a team cannot be dropped: ${shown}${teams.length > 5 ? ` and ${teams.length - 5} more` : ''}.`] });
        }
      }

      const { staleDeviceDays, ...after } = input;
      const changed: string[] = (Object.keys(COLUMNS) as (keyof OrganisationColumns)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      if (changed.length > 0) {
        const columns = changed as (keyof OrganisationColumns)[];
        const values = columns.map((key) => (key === 'sectorsInUse' ? JSON.stringify(after[key]) : after[key]));
        if (row) {
          sqlite.prepare(`UPDATE organisation SET ${columns.map((key) => `${COLUMNS[key]} = ?`).join(', ')} WHERE id = 1`).run(...values);
        } else {
          sqlite
            .prepare('INSERT INTO organisation (id, name, sectors_in_use, fiscal_year_start_month, reminder_lead_days, reminder_interval_days, retention_years, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)')
            .run(after.name, JSON.stringify(after.sectorsInUse), after.fiscalYearStartMonth, after.reminderLeadDays, after.reminderIntervalDays, after.retentionYears, now.getTime());
        }
        appendAuditEntry(tx, {
          actorId: actor.id, action: 'organisation.update', targetType: 'organisation', targetId: 1, at: now,
          summary: { before: Object.fromEntries(columns.map((k) => [k, before[k]])), after: Object.fromEntries(columns.map((k) => [k, after[k]])) },
        });
      }

      const today = startOfUtcDay(now);
      const inForce = findSettingInForce(tx, { teamId: null, asOf: now });
      const currentStale = inForce?.parameters.staleDeviceDays ?? DEFAULT_POLICY_PARAMETERS.staleDeviceDays;
      let scoresFrom: Date | null = null;
      if (currentStale !== staleDeviceDays) {
        const policy = applyPolicyChange(
          db,
          actor,
          { teamId: null, effectiveFrom: today, note: `Organisation settings: devices are stale after ${staleDeviceDays} days unseen.`, parameters: policyOverrideSchema.parse({ ...(inForce?.parameters ?? {}), staleDeviceDays }) },
          { now },
        );
        if (!policy.ok) throw new Error(`Policy change refused: ${policy.error}`);
        changed.push('staleDeviceDays');
        scoresFrom = today;
      }
      return { ok: true, changed, scoresFrom };
    },
    { behavior: 'immediate' },
  );
}
