import { describe, expect, it } from 'vitest';
import type { RiskBand } from '../../../lib/policy/constants';
import { aggregateOrganisation, aggregateTeam, bandFor, type TeamMemberScore } from '../../../lib/scoring';

let nextId = 1;
function member(score: number, options: Partial<TeamMemberScore> & { band?: RiskBand; fails?: string[] } = {}): TeamMemberScore {
  const { band, fails, ...rest } = options;
  return {
    userId: nextId++,
    isSupervisor: false,
    attestationDue: true,
    attestationDone: true,
    personScore: {
      score,
      band: band ?? bandFor(score),
      counts: { pass: 0, fail: fails?.length ?? 0, waived: 0, not_applicable: 0 },
      criticalFails: 0,
      failedRuleIds: fails ?? [],
    },
    ...rest,
  };
}

describe('aggregateTeam', () => {
  it('has no score or band for an empty team', () => {
    expect(aggregateTeam([], { supervisorWeight: 2 }, 3)).toEqual({
      score: null,
      band: null,
      members: 0,
      highRiskCount: 0,
      highRiskShare: 0,
      attestationsDue: 0,
      attestationsDone: 0,
      attestationCompletion: 1,
      openExceptions: 3,
      ruleFailCounts: {},
    });
  });

  it.each([
    ['plain mean', [member(100), member(70)], 2, 85],
    ['supervisor counted twice', [member(100, { isSupervisor: true }), member(70)], 2, 90],
    ['supervisor counted three times', [member(40, { isSupervisor: true }), member(100)], 3, 55],
    ['weight below 1 counts as 1', [member(100, { isSupervisor: true }), member(70)], 0.5, 85],
    ['one decimal', [member(100), member(100), member(90)], 1, 96.7],
  ])('score: %s', (_name, members, supervisorWeight, score) => {
    expect(aggregateTeam(members, { supervisorWeight }, 0).score).toBe(score);
  });

  it.each([
    ['score 69.9 is high', [member(69.9)], 'high'],
    ['score 70 is medium', [member(70)], 'medium'],
    ['score 90 is low', [member(90)], 'low'],
    ['20 % high risk raises low to medium', [member(100), member(100), member(100), member(100), member(65)], 'medium'],
    ['under 20 % high risk stays low', [member(100), member(100), member(100), member(100), member(100), member(60)], 'low'],
    ['a critical-fail member counts as high risk', [member(100), member(100), member(100), member(100), member(95, { band: 'high' })], 'medium'],
  ] as const)('band: %s', (_name, members, band) => {
    expect(aggregateTeam(members, { supervisorWeight: 2 }, 0).band).toBe(band);
  });

  it('counts high risk, attestation completion and failing rules per member', () => {
    const team = aggregateTeam(
      [
        member(50, { fails: ['F1', 'X5'] }),
        member(80, { fails: ['X5'], attestationDone: false }),
        member(100, { attestationDue: false, attestationDone: false }),
        member(95, { attestationDue: false, attestationDone: true }),
      ],
      { supervisorWeight: 2 },
      1,
    );
    expect(team).toMatchObject({
      members: 4,
      highRiskCount: 1,
      highRiskShare: 0.25,
      attestationsDue: 2,
      attestationsDone: 1,
      attestationCompletion: 0.5,
      openExceptions: 1,
      ruleFailCounts: { F1: 1, X5: 2 },
    });
  });
});

describe('aggregateOrganisation', () => {
  it('is the mean over members, not the mean of team means', () => {
    const a = { members: [member(100)], supervisorWeight: 2 };
    const b = { members: [member(50), member(50), member(50)], supervisorWeight: 2 };
    expect(aggregateOrganisation([a, b], 0).score).toBe(62.5);
  });

  it('applies each team’s supervisor weight', () => {
    const a = { members: [member(100, { isSupervisor: true }), member(40)], supervisorWeight: 3 };
    const b = { members: [member(40, { isSupervisor: true })], supervisorWeight: 1 };
    expect(aggregateOrganisation([a, b], 0).score).toBe(76);
  });

  it('counts a person in two teams once, from their first membership', () => {
    const shared = member(20);
    const org = aggregateOrganisation(
      [
        { members: [shared, member(100)], supervisorWeight: 2 },
        { members: [{ ...shared, isSupervisor: true }], supervisorWeight: 5 },
      ],
      4,
    );
    expect(org).toMatchObject({ score: 60, members: 2, highRiskCount: 1, openExceptions: 4 });
  });

  it('sums attestation and rule-failure counts across teams', () => {
    const org = aggregateOrganisation(
      [
        { members: [member(90, { fails: ['X1'] })], supervisorWeight: 2 },
        { members: [member(90, { fails: ['X1', 'G2'], attestationDone: false })], supervisorWeight: 2 },
      ],
      0,
    );
    expect(org).toMatchObject({ attestationsDue: 2, attestationsDone: 1, attestationCompletion: 0.5, ruleFailCounts: { X1: 2, G2: 1 } });
  });

  it('has no score for an organisation without members', () => {
    expect(aggregateOrganisation([{ members: [], supervisorWeight: 2 }], 0)).toMatchObject({ score: null, band: null, members: 0 });
  });
});
