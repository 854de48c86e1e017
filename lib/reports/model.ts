/**
 * The quarterly report as plain data: db/queries/report.ts gathers it, lib/reports/pdf draws it. Nothing here
 * reads a database or the clock.
 */
import { capitalise } from '../format';
import { DEFAULT_SEVERITY_WEIGHTS, SEVERITIES, type RiskBand, type Sector, type Severity } from '../policy/constants';

/** What a report covers: the whole organisation, one sector's teams, or one team. */
export type ReportScope = { kind: 'organisation' } | { kind: 'sector'; sector: Sector } | { kind: 'team'; teamId: number };

/** A group's headline figures on one day (the dashboard's snapshot figures). */
export interface ReportFigures {
  /** Snapshot day, 'YYYY-MM-DD'. */
  day: string;
  score: number | null;
  band: RiskBand | null;
  members: number;
  highRisk: number;
  attestationsDue: number;
  attestationsDone: number;
  openExceptions: number;
}

/** One rule failed by someone in scope. */
export interface ReportFinding {
  ruleId: string;
  title: string;
  severity: Severity | null;
  /** People failing it at the report's instant. */
  fails: number;
  /** People failing it at the end of the previous quarter; null when there are no figures then. */
  previousFails: number | null;
  /** Teams with at least one failure. */
  teams: number;
  citation: string;
  why: string;
  remediation: readonly string[];
}

/** One team's line in an organisation or sector report. */
export interface ReportTeamRow {
  name: string;
  sector: Sector;
  figures: ReportFigures | null;
  /** Score at the end of the previous quarter. */
  previousScore: number | null;
}

/** A person in one of the report's lists. */
export interface ReportPerson {
  name: string;
  email: string;
  team: string;
}

/** A member whose attestation is overdue at the report's instant. */
export interface OverduePerson extends ReportPerson {
  period: string;
  dueAt: Date;
}

/** A member at high risk, with the rules they fail. */
export interface HighRiskPerson extends ReportPerson {
  score: number;
  failedRuleIds: readonly string[];
}

/** A list shown in full up to a limit: `total` says how many there are in all. */
export interface Listing<T> {
  rows: T[];
  total: number;
}

/** Device posture: the dashboard's figures (db/queries/device-posture). */
export interface ReportPosture {
  devices: number;
  unmanaged: number;
  stale: number;
  staleAfterDays: number;
  apps: { app: string; devices: number; personal: number; cloudBackup: number; businessUse: number }[];
}

/** An exception in force at the report's instant. */
export interface ReportException {
  ruleId: string;
  ruleTitle: string | null;
  covers: string;
  reason: string;
  approvedBy: string;
  startsAt: Date;
  expiresAt: Date;
}

/** A quarter as the report names it. */
export interface ReportQuarter {
  label: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** Everything one quarterly report shows. */
export interface QuarterlyReport {
  organisation: string;
  scope: ReportScope;
  /** 'Equities Trading (finance)', 'Finance sector', 'Whole organisation'. */
  scopeLabel: string;
  /** File-name part: 'finance-equities-trading', 'finance-sector', 'organisation'. */
  scopeSlug: string;
  teamCount: number;
  quarter: ReportQuarter;
  /** False while the quarter is in progress: figures are then to date. */
  complete: boolean;
  /** The instant the figures are taken at. */
  asOf: Date;
  generatedAt: Date;
  generatedBy: string;
  figures: ReportFigures | null;
  previousQuarter: ReportQuarter;
  previous: ReportFigures | null;
  trend: {
    quarters: ReportQuarter[];
    points: { day: string; score: number | null }[];
    markers: { day: string; kind: 'campaign-opens' | 'campaign-due' | 'policy-change'; label: string }[];
  };
  findings: ReportFinding[];
  teams: ReportTeamRow[];
  attestation: {
    campaign: { name: string; period: string; opensAt: Date; dueAt: Date } | null;
    overdue: Listing<OverduePerson>;
    /** Due but not yet signed, before the due date. */
    awaiting: number;
  };
  posture: ReportPosture;
  exceptions: Listing<ReportException>;
  highRisk: Listing<HighRiskPerson>;
}

/**
 * The findings that matter most, worst first: by severity weight × people failing, then severity, then
 * count. A critical rule failed by a few outranks a low one failed by many, as in the person score.
 */
export function keyFindings(findings: readonly ReportFinding[], count = 3): ReportFinding[] {
  const weight = (f: ReportFinding) => (f.severity ? DEFAULT_SEVERITY_WEIGHTS[f.severity] : 0);
  const rank = (f: ReportFinding) => (f.severity ? SEVERITIES.indexOf(f.severity) : SEVERITIES.length);
  return findings
    .filter((f) => f.fails > 0)
    .toSorted((a, b) => weight(b) * b.fails - weight(a) * a.fails || rank(a) - rank(b) || b.fails - a.fails || a.ruleId.localeCompare(b.ruleId))
    .slice(0, count);
}

/** Lower-case ASCII words joined by hyphens: 'Rates & Swaps' → 'rates-swaps'. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'report'
  );
}

/** The scope's label and file-name part. */
export function scopeNames(scope: ReportScope, team?: { name: string; sector: Sector }): { label: string; slug: string } {
  if (scope.kind === 'organisation') return { label: 'Whole organisation', slug: 'organisation' };
  if (scope.kind === 'sector') return { label: `${capitalise(scope.sector)} sector`, slug: `${scope.sector}-sector` };
  if (!team) throw new Error('A team report needs the team');
  return { label: `${team.name} (${team.sector})`, slug: `${team.sector}-${slugify(team.name)}` };
}

/** 'onchannel-finance-equities-trading-2026-Q3.pdf'. */
export function reportFileName(scopeSlug: string, quarterLabel: string): string {
  return `onchannel-${scopeSlug}-${quarterLabel}.pdf`;
}
