import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getPack } from '../../../lib/policy';
import {
  DEVICE_KINDS,
  DEVICE_OWNERSHIPS,
  MESSAGING_APPS,
  OPERATING_SYSTEMS,
  RISK_BANDS,
  RULE_STATUSES,
  SECTORS,
  SEVERITIES,
  type RiskBand,
  type Sector,
} from '../../../lib/policy/constants';
import type { AnswerValue, DeviceAppFact, DeviceFact, ExceptionFact, PersonEvidence, Question, RuleResult } from '../../../lib/policy/types';
import { aggregateOrganisation, aggregateTeam, bandFor, evaluatePerson, scorePerson, type TeamMemberScore } from '../../../lib/scoring';
import { AS_OF, buildCampaign, buildEvidence, buildException, daysBefore, withoutAttestation } from '../../helpers/evidence';

/** Worse bands rank higher: high 2, medium 1, low 0. */
const rank = (band: RiskBand): number => RISK_BANDS.length - 1 - RISK_BANDS.indexOf(band);
const day = fc.integer({ min: -5, max: 40 }).map((n) => daysBefore(n));

const appArb: fc.Arbitrary<DeviceAppFact> = fc.record({
  app: fc.constantFrom(...MESSAGING_APPS),
  appVersion: fc.option(fc.constantFrom('2.24', '24.1'), { nil: null }),
  businessUse: fc.boolean(),
  cloudBackup: fc.boolean(),
  disappearingMessages: fc.boolean(),
  captureEnabled: fc.boolean(),
  contactUpload: fc.boolean(),
  lastCaptureSyncAt: fc.option(day, { nil: null }),
});

const deviceArb: fc.Arbitrary<DeviceFact> = fc.record({
  deviceId: fc.nat({ max: 1000 }),
  model: fc.constantFrom('iPhone 15', 'Pixel 8', 'ThinkPad X1'),
  kind: fc.constantFrom(...DEVICE_KINDS),
  ownership: fc.constantFrom(...DEVICE_OWNERSHIPS),
  os: fc.constantFrom(...OPERATING_SYSTEMS),
  osVersion: fc.constantFrom('10', '12.1', '13', '14.6', '17.5', 'beta'),
  mdmEnrolled: fc.boolean(),
  encrypted: fc.boolean(),
  passcode: fc.boolean(),
  lastSeenAt: fc.option(day, { nil: null }),
  apps: fc.array(appArb, { maxLength: 4 }),
});

function answerArb(q: Question): fc.Arbitrary<AnswerValue> {
  if (q.type === 'yes_no') return fc.boolean();
  if (q.type === 'multi_choice') return fc.subarray(q.options.map((o) => o.value));
  if (q.type === 'choice') return fc.constantFrom(...q.options.map((o) => o.value), 'unknown');
  if (q.type === 'number') return fc.integer({ min: q.min, max: 40 });
  return fc.constantFrom('', 'Teams was down');
}

function evidenceArb(sector: Sector): fc.Arbitrary<PersonEvidence> {
  const pack = getPack(sector);
  const ruleIds = pack.rules.map((r) => r.id);
  const answers = fc.record(Object.fromEntries(pack.questions.map((q) => [q.id, answerArb(q)])), { requiredKeys: [] });
  const exception: fc.Arbitrary<ExceptionFact> = fc
    .record({ ruleId: fc.constantFrom(...ruleIds), from: fc.integer({ min: -10, max: 30 }), length: fc.integer({ min: 1, max: 60 }) })
    .map(({ ruleId, from, length }) => buildException(ruleId, { startsAt: daysBefore(from), expiresAt: daysBefore(from - length) }));
  return fc
    .record({
      isSupervisor: fc.boolean(),
      flags: fc.record({ ukMifidActivity: fc.boolean(), usSwapDealer: fc.boolean(), usFederalRecords: fc.boolean() }),
      overrides: fc.dictionary(fc.constantFrom(...ruleIds), fc.constantFrom(...SEVERITIES), { maxKeys: 3 }),
      disabled: fc.subarray(ruleIds, { maxLength: 3 }),
      devices: fc.array(deviceArb, { maxLength: 3 }),
      answers: fc.option(answers, { nil: null }),
      dueInDays: fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }),
      exceptions: fc.array(exception, { maxLength: 3 }),
    })
    .map((x) => {
      const evidence = buildEvidence({
        sector,
        isSupervisor: x.isSupervisor,
        parameters: { ...x.flags, severityOverrides: x.overrides, disabledRules: x.disabled },
        devices: x.devices,
        answers: x.answers ?? {},
        currentCampaign: x.dueInDays === null ? null : buildCampaign({ dueAt: daysBefore(-x.dueInDays) }),
        exceptions: x.exceptions,
      });
      return x.answers === null ? withoutAttestation(evidence) : evidence;
    });
}

const sectorEvidence = fc.constantFrom(...SECTORS).chain((sector) => evidenceArb(sector).map((evidence) => ({ sector, evidence })));
const score = (sector: Sector, evidence: PersonEvidence) =>
  scorePerson(evaluatePerson(getPack(sector), evidence, AS_OF), evidence.parameters.severityWeights);

describe('scoring properties', () => {
  it('scores every person within 0–100, with a band no better than the score allows', () => {
    fc.assert(
      fc.property(sectorEvidence, ({ sector, evidence }) => {
        const s = score(sector, evidence);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        expect(rank(s.band)).toBeGreaterThanOrEqual(rank(bandFor(s.score)));
      }),
    );
  });

  it('gives the same result for the same evidence (deep equal, also for a copy)', () => {
    fc.assert(
      fc.property(sectorEvidence, ({ sector, evidence }) => {
        const pack = getPack(sector);
        const first = evaluatePerson(pack, evidence, AS_OF);
        expect(evaluatePerson(pack, evidence, AS_OF)).toEqual(first);
        expect(evaluatePerson(pack, structuredClone(evidence), new Date(AS_OF.getTime()))).toEqual(first);
      }),
    );
  });

  it('never lowers a score or worsens a band when an active exception is added', () => {
    fc.assert(
      fc.property(sectorEvidence, fc.nat(), ({ sector, evidence }, pick) => {
        const ids = getPack(sector).rules.map((r) => r.id);
        const ruleId = ids[pick % ids.length] ?? 'X1';
        const before = score(sector, evidence);
        const after = score(sector, { ...evidence, exceptions: [...evidence.exceptions, buildException(ruleId, { id: 999 })] });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(rank(after.band)).toBeLessThanOrEqual(rank(before.band));
      }),
    );
  });

  // Without exceptions: a waiver counts as met, so waiving a finding that only exists without the
  // attestation could lift the score above an attested not-applicable. That is the waiver's doing.
  it('never passes a rule without an attestation that fails with one, nor raises the score', () => {
    fc.assert(
      fc.property(sectorEvidence, ({ sector, evidence: withExceptions }) => {
        const pack = getPack(sector);
        const evidence = { ...withExceptions, exceptions: [] };
        const missing = withoutAttestation(evidence);
        const withIt = evaluatePerson(pack, evidence, AS_OF);
        const without = evaluatePerson(pack, missing, AS_OF);
        without.forEach((result, i) => {
          if (result.status === 'pass') expect(withIt[i]?.status, result.ruleId).toBe('pass');
        });
        expect(score(sector, missing).score).toBeLessThanOrEqual(score(sector, evidence).score);
      }),
    );
  });

  const resultArb: fc.Arbitrary<RuleResult> = fc.record({
    ruleId: fc.constantFrom('F1', 'X1', 'X4', 'G2'),
    status: fc.constantFrom(...RULE_STATUSES),
    severity: fc.constantFrom(...SEVERITIES),
    reason: fc.constant('r'),
  });
  const weightsArb = fc.record({
    critical: fc.integer({ min: 0, max: 20 }),
    high: fc.integer({ min: 0, max: 20 }),
    medium: fc.integer({ min: 0, max: 20 }),
    low: fc.integer({ min: 0, max: 20 }),
  });

  it('never improves the band, nor raises the score, when a failing critical finding is added', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { maxLength: 25 }), weightsArb, (results, weights) => {
        const before = scorePerson(results, weights);
        const after = scorePerson([...results, { ruleId: 'F2', status: 'fail', severity: 'critical', reason: 'r' }], weights);
        expect(after.band).toBe('high');
        expect(rank(after.band)).toBeGreaterThanOrEqual(rank(before.band));
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(after.criticalFails).toBe(before.criticalFails + 1);
      }),
    );
  });

  const memberArb: fc.Arbitrary<TeamMemberScore> = fc
    .record({
      userId: fc.integer({ min: 1, max: 40 }),
      isSupervisor: fc.boolean(),
      results: fc.array(resultArb, { maxLength: 10 }),
      attestationDue: fc.boolean(),
      attestationDone: fc.boolean(),
    })
    .map(({ results, ...rest }) => ({ ...rest, personScore: scorePerson(results, { critical: 10, high: 5, medium: 2, low: 1 }) }));
  const teamArb = fc.record({ members: fc.array(memberArb, { maxLength: 8 }), supervisorWeight: fc.double({ min: 0, max: 5, noNaN: true }) });

  it('keeps team and organisation aggregates within their members’ bounds', () => {
    fc.assert(
      fc.property(fc.array(teamArb, { maxLength: 4 }), fc.nat({ max: 10 }), (teams, openExceptions) => {
        for (const team of [...teams.map((t) => aggregateTeam(t.members, t, openExceptions)), aggregateOrganisation(teams, openExceptions)]) {
          expect(team.highRiskShare).toBeGreaterThanOrEqual(0);
          expect(team.highRiskShare).toBeLessThanOrEqual(1);
          expect(team.attestationCompletion).toBeGreaterThanOrEqual(0);
          expect(team.attestationCompletion).toBeLessThanOrEqual(1);
          expect(team.attestationsDone).toBeLessThanOrEqual(team.attestationsDue);
          for (const count of Object.values(team.ruleFailCounts)) expect(count).toBeLessThanOrEqual(team.members);
          expect(team.score === null).toBe(team.members === 0);
        }
        teams.forEach((t) => {
          const agg = aggregateTeam(t.members, t, openExceptions);
          if (agg.score === null) return;
          const scores = t.members.map((m) => m.personScore.score);
          expect(agg.score).toBeGreaterThanOrEqual(Math.min(...scores) - 0.05);
          expect(agg.score).toBeLessThanOrEqual(Math.max(...scores) + 0.05);
          expect(rank(agg.band ?? 'low')).toBeGreaterThanOrEqual(rank(bandFor(agg.score)));
        });
        const org = aggregateOrganisation(teams, openExceptions);
        const all = teams.flatMap((t) => t.members.map((m) => m.personScore.score));
        if (org.score !== null) {
          expect(org.score).toBeGreaterThanOrEqual(Math.min(...all) - 0.05);
          expect(org.score).toBeLessThanOrEqual(Math.max(...all) + 0.05);
        }
        expect(org.members).toBe(new Set(teams.flatMap((t) => t.members.map((m) => m.userId))).size);
      }),
    );
  });
});
