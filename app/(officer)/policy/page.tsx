import type { Metadata } from 'next';
import Form from 'next/form';
import { PackDetails } from '@/components/policy/pack-details';
import { ScopeParameters } from '@/components/policy/scope-parameters';
import { INPUT_CLASS } from '@/components/ui/form';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { findSettingInForce, listPolicySettingHistory, listPolicyTeams, parametersInForce } from '@/db/queries/policy';
import { requireCapability } from '@/lib/auth/guards';
import { capitalise } from '@/lib/format';
import { DEFAULT_POLICY_PARAMETERS, POLICY_PACKS, SECTORS, type Rule } from '@/lib/policy';
import { dayKey, startOfUtcDay } from '@/lib/time';
import { addUtcYears } from '@/lib/validation/dates';
import { POLICY_EFFECTIVE_RANGE_YEARS } from '@/lib/validation/policy';

export const metadata: Metadata = { title: 'Policy' };

/** Rules as plain data for the form (a rule's check is a function and stays on the server). */
const plainRules = (rules: readonly Rule[]) => rules.map(({ id, title, severity }) => ({ id, title, severity }));

/** Every rule once: each sector's own rules, then the every-sector X rules. */
const ALL_RULES = plainRules(
  [...new Map(SECTORS.flatMap((s) => POLICY_PACKS[s].rules).map((rule) => [rule.id, rule])).values()].sort(
    (a, b) => Number(a.id.startsWith('X')) - Number(b.id.startsWith('X')),
  ),
);

export default async function PolicyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCapability('manage:policy');
  const { team: teamParam } = await searchParams;
  const now = new Date();
  const today = startOfUtcDay(now);
  const dates = {
    today: dayKey(today),
    earliest: dayKey(addUtcYears(today, -POLICY_EFFECTIVE_RANGE_YEARS)),
    latest: dayKey(addUtcYears(today, POLICY_EFFECTIVE_RANGE_YEARS)),
  };
  const teams = listPolicyTeams(db);
  const team = teams.find((t) => String(t.id) === teamParam) ?? null;
  const orgInForce = parametersInForce(db, { teamId: null, asOf: now });

  return (
    <>
      <PageHeader
        title="Policy"
        description="The sector policy packs people are scored against, and the parameters that tune them for the organisation and for each team. Every change is kept, with who made it, when and why."
      />

      <section aria-labelledby="packs-heading" className="mb-8">
        <h2 id="packs-heading" className="mb-3 text-lg font-semibold text-slate-900">Policy packs</h2>
        <div className="space-y-3">
          {SECTORS.map((sector) => (
            <PackDetails key={sector} pack={POLICY_PACKS[sector]} />
          ))}
        </div>
      </section>

      <ScopeParameters
        title="Organisation parameters"
        teamId={null}
        scopeLabel="the organisation"
        inForce={orgInForce}
        current={findSettingInForce(db, { teamId: null, asOf: now })}
        inherited={DEFAULT_POLICY_PARAMETERS}
        inheritLabel="Use the defaults (Teams, Symphony, Slack; captured)"
        history={listPolicySettingHistory(db, { teamId: null, asOf: now })}
        rules={ALL_RULES}
        dates={dates}
      />

      <section aria-labelledby="team-heading">
        <h2 id="team-heading" className="mb-3 text-lg font-semibold text-slate-900">Team overrides</h2>
        <Form action="/policy" className="mb-4 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="team" className="block text-sm font-medium text-slate-800">Team</label>
            <select id="team" name="team" defaultValue={team ? String(team.id) : ''} className={INPUT_CLASS}>
              <option value="">Choose a team…</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>{t.name} ({capitalise(t.policyPackId)})</option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100">
            Show team
          </button>
        </Form>
        {teamParam !== undefined && teamParam !== '' && !team ? (
          <p role="alert" className="mb-4 text-sm text-rose-800">There is no team with that id. Choose one from the list.</p>
        ) : null}
        {team ? (
          <ScopeParameters
            key={team.id}
            title={`${team.name} parameters`}
            teamId={team.id}
            scopeLabel={team.name}
            inForce={parametersInForce(db, { teamId: team.id, asOf: now })}
            current={findSettingInForce(db, { teamId: team.id, asOf: now })}
            inherited={orgInForce}
            inheritLabel="Inherit the organisation’s list"
            history={listPolicySettingHistory(db, { teamId: team.id, asOf: now })}
            rules={plainRules(POLICY_PACKS[team.policyPackId].rules)}
            dates={dates}
          />
        ) : null}
      </section>
    </>
  );
}
