import { findRule } from '@/lib/policy';
import type { QuarterlyReport, ReportFinding } from '@/lib/reports';
import { parseQuarterLabel, quartersEndingWith } from '@/lib/reports';
import { addDays, dayKey } from '@/lib/time';

/** A finding for rule `ruleId` with its pack text. */
export function finding(ruleId: string, fails: number, previousFails: number | null = null): ReportFinding {
  const rule = findRule(ruleId)!;
  return { ruleId, title: rule.title, severity: rule.severity, fails, previousFails, teams: 1, citation: rule.citation, why: rule.why, remediation: rule.remediation };
}

/** A plain report of a finance team for 2026-Q3, with `rows` people in each list (to exercise page breaks). */
export function sampleReport({ rows = 5, overrides = {} }: { rows?: number; overrides?: Partial<QuarterlyReport> } = {}): QuarterlyReport {
  const quarter = parseQuarterLabel('2026-Q3')!;
  const quarters = quartersEndingWith(quarter, 4);
  const asOf = new Date(quarter.end.getTime() - 1);
  const points: { day: string; score: number | null }[] = [];
  for (let day = quarters[0]!.start; day < quarter.end; day = addDays(day, 1)) points.push({ day: dayKey(day), score: 70 + ((day.getTime() / 86_400_000) % 20) });
  const person = (i: number) => ({ name: `Person ${i} Ñandú`, email: `person${i}@northbridge.example`, team: 'Equities Trading' });
  return {
    organisation: 'Northbridge Partners',
    scope: { kind: 'team', teamId: 1 },
    scopeLabel: 'Equities Trading (finance)',
    scopeSlug: 'finance-equities-trading',
    teamCount: 1,
    quarter,
    complete: true,
    asOf,
    generatedAt: new Date('2026-11-23T14:05:00Z'),
    generatedBy: 'Olivia Officer',
    figures: { day: '2026-09-30', score: 81.4, band: 'medium', members: 40, highRisk: 7, attestationsDue: 40, attestationsDone: 33, openExceptions: 2 },
    previousQuarter: quarters[2]!,
    previous: { day: '2026-06-30', score: 78.2, band: 'medium', members: 38, highRisk: 9, attestationsDue: 38, attestationsDone: 30, openExceptions: 1 },
    trend: {
      quarters,
      points,
      markers: [
        { day: '2026-07-01', kind: 'campaign-opens', label: '2026-Q3 opens' },
        { day: '2026-07-31', kind: 'campaign-due', label: '2026-Q3 due' },
        { day: '2026-05-12', kind: 'policy-change', label: 'Policy change' },
      ],
    },
    findings: [finding('F1', 4, 6), finding('X1', 12, 10), finding('F2', 1, null)],
    teams: [],
    attestation: {
      campaign: { name: 'Q3 attestation', period: '2026-Q3', opensAt: new Date('2026-07-01T00:00:00Z'), dueAt: new Date('2026-07-31T00:00:00Z') },
      overdue: { rows: Array.from({ length: rows }, (_, i) => ({ ...person(i), period: '2026-Q3', dueAt: new Date('2026-07-31T00:00:00Z') })), total: rows },
      awaiting: 0,
    },
    posture: {
      devices: 61,
      unmanaged: 9,
      stale: 3,
      staleAfterDays: 30,
      apps: [{ app: 'whatsapp', devices: 20, personal: 15, cloudBackup: 8, businessUse: 4 }],
    },
    exceptions: {
      rows: [{ ruleId: 'F2', ruleTitle: findRule('F2')!.title, covers: 'Person 1', reason: 'Travelling to a client site without capture ≥ 2 weeks', approvedBy: 'Olivia Officer', startsAt: new Date('2026-09-01T00:00:00Z'), expiresAt: new Date('2026-12-01T00:00:00Z') }],
      total: 1,
    },
    highRisk: { rows: Array.from({ length: rows }, (_, i) => ({ ...person(i), score: 40 + (i % 30), failedRuleIds: ['F1', 'X1'] })), total: rows + 10 },
    ...overrides,
  };
}
