import { describe, expect, it } from 'vitest';
import { POLICY_PACKS, findRule, getPack, questionsFor } from '../../../lib/policy';
import { MESSAGING_APPS, SECTORS, type Sector, type Severity } from '../../../lib/policy/constants';
import { evaluatePerson } from '../../../lib/scoring';
import { AS_OF, buildEvidence } from '../../helpers/evidence';

/** Rule ids and severities from policy-sources.md (X6 and X7 added by the product brief). */
const EXPECTED: Record<Sector, Record<string, Severity>> = {
  finance: { F1: 'critical', F2: 'critical', F3: 'high', F4: 'high', F5: 'critical', F6: 'critical', F7: 'high' },
  law: { L1: 'high', L2: 'medium', L3: 'medium', L4: 'high', L5: 'medium' },
  government: { G1: 'high', G2: 'critical', G3: 'high', G4: 'high', G5: 'high', G6: 'critical', G7: 'critical' },
};
const COMMON: Record<string, Severity> = { X1: 'high', X2: 'medium', X3: 'low', X4: 'medium', X5: 'high', X6: 'high', X7: 'medium' };

/** A key phrase of each rule's citation in policy-sources.md. */
const CITATION_PHRASES: Record<string, RegExp> = {
  F1: /Rule 17a-4\(b\)\(4\)/, F2: /FINRA Rule 4511\(c\)/, F3: /17a-4\(j\)/, F4: /FINRA Rule 3110\(b\)\(4\)/,
  F5: /17 CFR 1\.35/, F6: /SYSC 10A\.1\.6/, F7: /Niehaus/, L1: /para 6\.3/, L2: /paras 2\.1, 2\.2, 2\.5/,
  L3: /thematic review/, L4: /Model Rule 1\.6\(c\)/, L5: /477R/, G1: /Non-corporate communication channels/,
  G2: /Non-corporate/, G3: /Non-corporate/, G4: /FOIA 2000 s\.3\(2\)\(b\)/, G5: /NCCC/, G6: /s\.77/,
  G7: /44 U\.S\.C\. §2911\(a\)/, X1: /Art 32/, X2: /DPC v WhatsApp/, X3: /Art 35/, X4: /17a-4/, X5: /.+/,
  X6: /attestations/, X7: /Art 32/,
};

describe.each(SECTORS)('%s pack', (sector) => {
  const pack = getPack(sector);
  const expected = { ...EXPECTED[sector], ...COMMON };

  it('is the sector’s versioned pack', () => {
    expect(pack.id).toBe(sector);
    expect(pack.version).toMatch(/^\d{4}\.\d+$/);
    expect(POLICY_PACKS[sector]).toBe(pack);
  });

  it('encodes every rule of policy-sources.md with its severity, and nothing else', () => {
    expect(Object.fromEntries(pack.rules.map((r) => [r.id, r.severity]))).toEqual(expected);
  });

  it.each(pack.rules.map((r) => [r.id, r] as const))('%s has a title, why, citation, applies-when and 2–4 steps', (id, rule) => {
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.why.length).toBeGreaterThan(30);
    expect(rule.appliesWhen.length).toBeGreaterThan(10);
    expect(rule.citation).toMatch(CITATION_PHRASES[id] ?? /^$/);
    expect(rule.remediation.length).toBeGreaterThanOrEqual(2);
    expect(rule.remediation.length).toBeLessThanOrEqual(4);
    for (const step of rule.remediation) expect(step).toMatch(/^[A-Z].{15,}\.$/);
  });

  it('asks 8–12 short questions with unique snake_case ids that feed rules of the pack', () => {
    expect(pack.questions.length).toBeGreaterThanOrEqual(8);
    expect(pack.questions.length).toBeLessThanOrEqual(12);
    const ids = pack.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ruleIds = new Set(pack.rules.map((r) => r.id));
    for (const q of pack.questions) {
      expect(q.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(q.text.length).toBeLessThanOrEqual(120);
      expect(q.help.length).toBeGreaterThan(20);
      expect(q.ruleIds.length).toBeGreaterThan(0);
      for (const id of q.ruleIds) expect(ruleIds.has(id), `${q.id} → ${id}`).toBe(true);
    }
  });

  it('asks which apps are used for business, from the messaging apps list', () => {
    const q = pack.questions.find((x) => x.id === 'business_apps');
    expect(q?.type).toBe('multi_choice');
    if (q?.type !== 'multi_choice') return;
    expect(q.options.map((o) => o.value)).toEqual([...MESSAGING_APPS]);
    expect(q.options.find((o) => o.value === 'whatsapp_business')?.label).toBe('WhatsApp Business');
    expect(pack.questions.find((x) => x.id === 'unapproved_app_for_business')).toMatchObject({ type: 'yes_no', compliantAnswer: false });
  });

  it('passes a fully compliant person on every applicable rule, with scope flags and supervisor on', () => {
    const evidence = buildEvidence({
      sector,
      isSupervisor: true,
      parameters: { ukMifidActivity: true, usSwapDealer: true, usFederalRecords: true },
    });
    const results = evaluatePerson(pack, evidence, AS_OF);
    expect(results.map((r) => r.ruleId)).toEqual(pack.rules.map((r) => r.id));
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
  });

  it('fails every attestation-based rule, and passes none without evidence, for a person with nothing on record', () => {
    const evidence = buildEvidence({
      sector,
      isSupervisor: true,
      parameters: { ukMifidActivity: true, usSwapDealer: true, usFederalRecords: true },
      devices: [],
      currentAttestation: null,
      latestAttestation: null,
    });
    const results = evaluatePerson(pack, evidence, AS_OF);
    const passing = results.filter((r) => r.status === 'pass').map((r) => r.ruleId);
    // Only the organisation-level DPIA record (X3) rests on evidence this person does not supply.
    expect(passing).toEqual(['X3']);
    expect(results.find((r) => r.ruleId === 'X1')?.status).toBe('fail');
  });
});

describe('pack lookup', () => {
  it('finds rules by id, preferring the given sector, and the shared X rules are the same object', () => {
    expect(findRule('F2')?.title).toMatch(/Capture/);
    expect(findRule('G7', 'law')?.id).toBe('G7');
    expect(findRule('X6', 'law')).toBe(findRule('X6', 'finance'));
    expect(findRule('Z9')).toBeUndefined();
  });

  it('leaves supervisor-only questions out for other staff', () => {
    const all = questionsFor(getPack('finance'), { isSupervisor: true }).map((q) => q.id);
    const staff = questionsFor(getPack('finance'), { isSupervisor: false }).map((q) => q.id);
    expect(all).toContain('correspondence_reviews_documented');
    expect(staff).not.toContain('correspondence_reviews_documented');
    expect(staff).not.toContain('supervisor_off_channel_use');
    expect(all.length - staff.length).toBe(2);
  });
});
