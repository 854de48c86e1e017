import { capitalise, formatDate, formatShare } from '../../format';
import type { Listing, QuarterlyReport } from '../model';
import { appLabel } from '../posture';
import { COLOUR, FONT, MARGIN, contentWidth, ensureSpace, paragraph, sectionTitle, subTitle, table, type CellValue, type Column, type Doc } from './layout';
import { BAND_COLOUR, SEVERITY_COLOUR, bandLabel, formatPercent, pointsChange, severityLabel } from './summary';

const count = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-GB'));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** "Showing the first 100 of 1,234, …" when a list was cut; nothing otherwise. */
function cutNote(listing: Listing<unknown>, what: string, where: string): string | undefined {
  if (listing.rows.length >= listing.total) return undefined;
  return `Showing ${listing.rows.length.toLocaleString('en-GB')} of ${listing.total.toLocaleString('en-GB')} ${what}. ${where}`;
}

/** Inserts a third "Team" column (header, or `team` for a row) unless the report is of one team, where it would repeat. */
function withTeam<T extends Column | CellValue>(report: QuarterlyReport, cells: T[], team?: string): T[] {
  if (report.scope.kind === 'team') return cells;
  const column = (team === undefined ? { header: 'Team', weight: 20 } : team) as T;
  return [...cells.slice(0, 2), column, ...cells.slice(2)];
}

/** Findings by rule: severity, people failing now and at the end of the previous quarter, citation and remediation. */
export function drawFindings(doc: Doc, report: QuarterlyReport, number: number): void {
  sectionTitle(doc, `${number}. Findings by rule`);
  paragraph(
    doc,
    `Every rule that someone in scope fails, most failed first. "Change" compares with the end of ${report.previousQuarter.label}. ` +
      'A person counts once per team they belong to; waived findings (an exception in force) are not counted.',
    { muted: true, size: 9 },
  );
  table(doc, {
    columns: [
      { header: 'Rule and remediation', weight: 41 },
      { header: 'Severity', weight: 12 },
      { header: 'People failing', weight: 9, align: 'right' },
      { header: 'Change', weight: 9, align: 'right' },
      { header: 'Citation', weight: 29 },
    ],
    rows: report.findings.map((f) => [
      { title: `${f.ruleId}  ${f.title}`, detail: f.remediation.map((step, i) => `${i + 1}. ${step}`).join('\n') },
      { title: severityLabel(f.severity), colour: f.severity ? SEVERITY_COLOUR[f.severity] : undefined },
      count(f.fails),
      f.previousFails === null ? '—' : signed(f.fails - f.previousFails),
      f.citation || '—',
    ]),
    empty: 'No findings: nobody in scope fails any rule.',
  });
}

/** Per team figures of an organisation or sector report. */
export function drawTeams(doc: Doc, report: QuarterlyReport, number: number): void {
  sectionTitle(doc, `${number}. Teams`);
  table(doc, {
    columns: [
      { header: 'Team', weight: 24 },
      { header: 'Sector', weight: 12 },
      { header: 'Members', weight: 10, align: 'right' },
      { header: 'Score', weight: 8, align: 'right' },
      { header: 'Band', weight: 13 },
      { header: `Change since ${report.previousQuarter.label}`, weight: 12, align: 'right' },
      { header: 'High risk', weight: 9, align: 'right' },
      { header: 'Attested', weight: 10, align: 'right' },
    ],
    rows: report.teams.map((t) => [
      t.name,
      capitalise(t.sector),
      count(t.figures?.members),
      t.figures?.score?.toFixed(1) ?? '—',
      { title: bandLabel(t.figures?.band ?? null), colour: t.figures?.band ? BAND_COLOUR[t.figures.band] : undefined },
      pointsChange(t.figures?.score ?? null, t.previousScore) ?? '—',
      count(t.figures?.highRisk),
      t.figures ? formatPercent(t.figures.attestationsDone, t.figures.attestationsDue) : '—',
    ]),
    empty: 'No teams in scope.',
  });
}

/** Attestation completion and who is overdue. */
export function drawAttestation(doc: Doc, report: QuarterlyReport, number: number): void {
  sectionTitle(doc, `${number}. Attestation completion`);
  const { campaign, overdue, awaiting } = report.attestation;
  const f = report.figures;
  if (!campaign) paragraph(doc, 'No attestation campaign had opened by this date.', { muted: true });
  else {
    paragraph(
      doc,
      `Campaign in force: ${campaign.name} (${campaign.period}), opened ${formatDate(campaign.opensAt)}, due ${formatDate(campaign.dueAt)}. ` +
        `Signed: ${f ? formatShare(f.attestationsDone, f.attestationsDue) : '—'} of the members due. ` +
        `Overdue: ${overdue.total.toLocaleString('en-GB')}. Not yet due or within the campaign window: ${awaiting.toLocaleString('en-GB')}.`,
    );
  }
  subTitle(doc, 'Overdue attestations');
  table(doc, {
    caption: cutNote(overdue, 'people', 'The full list is on the campaign page and its CSV download.'),
    columns: withTeam(report, [
      { header: 'Name', weight: 24 },
      { header: 'E-mail', weight: 32 },
      { header: 'Campaign', weight: 12 },
      { header: 'Was due', weight: 12 },
    ]),
    rows: overdue.rows.map((p) => withTeam(report, [p.name, p.email, p.period, formatDate(p.dueAt)], p.team)),
    empty: 'Nobody is overdue.',
  });
}

/** Device posture: devices, unmanaged and stale devices, and where each messaging app is installed. */
export function drawPosture(doc: Doc, report: QuarterlyReport, number: number): void {
  sectionTitle(doc, `${number}. Device posture`);
  const p = report.posture;
  paragraph(
    doc,
    `${count(p.devices)} devices in service for members in scope. Not enrolled in device management (MDM): ${formatShare(p.unmanaged, p.devices)}. ` +
      `Stale (not seen for more than ${p.staleAfterDays} days): ${formatShare(p.stale, p.devices)}.`,
  );
  table(doc, {
    caption: 'Messaging apps installed on those devices. Only messaging apps are recorded.',
    columns: [
      { header: 'App', weight: 28 },
      { header: 'Devices', weight: 18, align: 'right' },
      { header: 'Personal (BYOD)', weight: 18, align: 'right' },
      { header: 'Cloud backup on', weight: 18, align: 'right' },
      { header: 'Used for business', weight: 18, align: 'right' },
    ],
    rows: p.apps.map((a) => [appLabel(a.app), count(a.devices), count(a.personal), count(a.cloudBackup), count(a.businessUse)]),
    empty: 'No messaging apps recorded on these devices.',
  });
}

/** Exceptions in force at the report's instant. */
export function drawExceptions(doc: Doc, report: QuarterlyReport, number: number): void {
  sectionTitle(doc, `${number}. Exceptions in force`);
  table(doc, {
    caption: cutNote(report.exceptions, 'exceptions', 'The full list is on the Exceptions page.'),
    columns: [
      { header: 'Rule', weight: 26 },
      { header: 'Covers', weight: 20 },
      { header: 'Reason', weight: 26 },
      { header: 'Approved by', weight: 14 },
      { header: 'In force', weight: 14 },
    ],
    rows: report.exceptions.rows.map((e) => [
      { title: e.ruleId, detail: e.ruleTitle ?? 'Rule no longer in the packs' },
      e.covers,
      e.reason,
      e.approvedBy,
      `${formatDate(e.startsAt)} to ${formatDate(e.expiresAt)}`,
    ]),
    empty: 'No exceptions were in force.',
  });
}

/** The people at high risk, lowest score first. */
export function drawHighRisk(doc: Doc, report: QuarterlyReport, number: number): void {
  sectionTitle(doc, `${number}. People at high risk`);
  paragraph(doc, 'A score below 70, or any critical finding. Lowest score first; failed rules by id (see Findings by rule).', { muted: true, size: 9 });
  table(doc, {
    caption: cutNote(report.highRisk, 'people at high risk', 'Everyone is listed on the team pages and their CSV downloads.'),
    columns: withTeam(report, [
      { header: 'Name', weight: 24 },
      { header: 'E-mail', weight: 30 },
      { header: 'Score', weight: 8, align: 'right' },
      { header: 'Failed rules', weight: 18 },
    ]),
    rows: report.highRisk.rows.map((p) => withTeam(report, [p.name, p.email, p.score.toFixed(1), p.failedRuleIds.join(', ')], p.team)),
    empty: 'Nobody in scope is at high risk.',
  });
}

/** The sign-off block: lines for the reviewer to fill in. */
export function drawSignOff(doc: Doc, number: number): void {
  sectionTitle(doc, `${number}. Review and sign-off`, 170);
  paragraph(doc, 'I have reviewed this report and the actions it calls for.', { size: 10 });
  doc.moveDown(1);
  const half = (contentWidth(doc) - 30) / 2;
  const line = (label: string, x: number, y: number) => {
    doc.moveTo(x, y + 22).lineTo(x + half, y + 22).lineWidth(0.6).strokeColor(COLOUR.ink).stroke();
    doc.font(FONT.regular).fontSize(8).fillColor(COLOUR.muted).text(label, x, y + 26, { width: half, lineBreak: false });
  };
  ensureSpace(doc, 130);
  const y = doc.y;
  line('Reviewed by (name)', MARGIN.left, y);
  line('Role', MARGIN.left + half + 30, y);
  line('Signature', MARGIN.left, y + 55);
  line('Date', MARGIN.left + half + 30, y + 55);
  doc.x = MARGIN.left;
  doc.y = y + 100;
}
