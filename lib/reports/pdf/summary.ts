import { formatDate, formatDateTime, formatShare } from '../../format';
import type { RiskBand, Severity } from '../../policy/constants';
import { keyFindings, type QuarterlyReport } from '../model';
import { drawTrendChart } from './chart';
import { COLOUR, FONT, MARGIN, contentWidth, ensureSpace, paragraph, pdfText, sectionTitle, subTitle, type Doc } from './layout';

/** 'High risk', or an em dash for no band. */
export function bandLabel(band: RiskBand | null): string {
  return band ? `${band.charAt(0).toUpperCase()}${band.slice(1)} risk` : '—';
}

export const BAND_COLOUR: Readonly<Record<RiskBand, string>> = { high: COLOUR.high, medium: COLOUR.medium, low: COLOUR.low };

/** 'CRITICAL' and so on: severity is always written, never shown by colour alone. */
export function severityLabel(severity: Severity | null): string {
  return severity ? severity.toUpperCase() : 'UNKNOWN';
}

export const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = { critical: '#7f1d1d', high: COLOUR.high, medium: COLOUR.medium, low: COLOUR.muted };

/** A score change in points, signed ('+3.1', '-0.4', '0.0'); null without both scores. */
export function pointsChange(now: number | null, before: number | null): string | null {
  if (now === null || before === null) return null;
  const delta = Math.round((now - before) * 10) / 10;
  return `${delta > 0 ? '+' : delta < 0 ? '-' : ''}${Math.abs(delta).toFixed(1)}`;
}

/** The change in words: higher scores are safer. */
function changeInWords(now: number | null, before: number | null): string {
  if (now === null || before === null) return 'No figures for the previous quarter';
  const delta = Math.round((now - before) * 10) / 10;
  return delta === 0 ? 'Unchanged' : `Points ${delta > 0 ? 'gained (better)' : 'lost (worse)'}`;
}

/** The "figures as of" sentence shared by the cover and the summary. */
export function asOfSentence(report: QuarterlyReport): string {
  return report.complete
    ? `Figures as at the end of ${report.quarter.label} (${formatDate(report.asOf)}).`
    : `${report.quarter.label} is in progress: figures to date, as at ${formatDateTime(report.asOf)}.`;
}

/** The cover page: organisation, title, scope, quarter, when and by whom it was generated. */
export function drawCover(doc: Doc, report: QuarterlyReport): void {
  const width = contentWidth(doc);
  doc.rect(0, 0, doc.page.width, 10).fillColor(COLOUR.brand).fill();
  doc.font(FONT.bold).fontSize(11).fillColor(COLOUR.brand).text(pdfText(report.organisation.toUpperCase()), MARGIN.left, 120, { width, characterSpacing: 1 });
  doc.moveDown(1.5);
  doc.font(FONT.bold).fontSize(30).fillColor(COLOUR.ink).text('Quarterly compliance report', { width });
  doc.moveDown(0.3);
  doc.font(FONT.regular).fontSize(13).fillColor(COLOUR.muted).text('Business messaging: approved channels, devices and attestations', { width });
  doc.moveDown(2.5);
  const field = (label: string, value: string) => {
    doc.font(FONT.regular).fontSize(9).fillColor(COLOUR.muted).text(label.toUpperCase(), MARGIN.left, doc.y, { width, characterSpacing: 0.5 });
    doc.font(FONT.bold).fontSize(16).fillColor(COLOUR.ink).text(pdfText(value), { width });
    doc.moveDown(0.9);
  };
  field('Scope', report.scopeLabel + (report.scope.kind === 'team' ? '' : ` - ${report.teamCount} team${report.teamCount === 1 ? '' : 's'}`));
  field('Quarter', `${report.quarter.label}: ${formatDate(report.quarter.start)} to ${formatDate(new Date(report.quarter.end.getTime() - 1))}${report.complete ? '' : ' (in progress)'}`);
  doc.moveDown(0.5);
  doc.font(FONT.regular).fontSize(10).fillColor(COLOUR.ink).text(pdfText(asOfSentence(report)), { width });
  doc.moveDown(0.3);
  doc.text(pdfText(`Generated ${formatDateTime(report.generatedAt)} by ${report.generatedBy}.`), { width });

  const boxY = doc.page.height - MARGIN.bottom - 96;
  doc.rect(MARGIN.left, boxY, width, 78).fillColor(COLOUR.stripe).fill();
  doc
    .font(FONT.regular)
    .fontSize(8.5)
    .fillColor(COLOUR.muted)
    .text(
      'Confidential: contains the names of members of staff and findings about them. Scores run from 0 to 100 (higher is safer); ' +
        'a person is at high risk below 70 or with any critical finding, at medium risk below 90. Team figures are the daily ' +
        'snapshots the Onchannel dashboards show for the same scope and day; lists of people are scored from the evidence held at that instant.',
      MARGIN.left + 12,
      boxY + 12,
      { width: width - 24, lineGap: 2 },
    );
}

function statBox(doc: Doc, box: { x: number; y: number; width: number; height: number }, label: string, value: string, detail: string, colour: string = COLOUR.ink): void {
  doc.rect(box.x, box.y, box.width, box.height).lineWidth(0.6).strokeColor(COLOUR.rule).stroke();
  doc.rect(box.x, box.y, 3, box.height).fillColor(colour).fill();
  const inner = { x: box.x + 9, width: box.width - 14 };
  doc.font(FONT.regular).fontSize(7.5).fillColor(COLOUR.muted).text(pdfText(label), inner.x, box.y + 7, { width: inner.width });
  doc.font(FONT.bold).fontSize(15).fillColor(colour).text(pdfText(value), inner.x, box.y + 24, { width: inner.width, lineBreak: false });
  doc.font(FONT.regular).fontSize(7.5).fillColor(COLOUR.muted).text(pdfText(detail), inner.x, box.y + 44, { width: inner.width, height: box.height - 46 });
}

/** Executive summary: headline figures, change since the previous quarter, the three findings that matter most, the trend. */
export function drawSummary(doc: Doc, report: QuarterlyReport, number = 1): void {
  sectionTitle(doc, `${number}. Executive summary`);
  paragraph(doc, asOfSentence(report), { muted: true, size: 9 });
  const { figures, previous } = report;
  const gap = 8;
  const width = (contentWidth(doc) - 4 * gap) / 5;
  const y = doc.y;
  const box = (i: number) => ({ x: MARGIN.left + i * (width + gap), y, width, height: 78 });
  const band = figures?.band ?? null;
  statBox(doc, box(0), 'Score', figures?.score?.toFixed(1) ?? '—', bandLabel(band), band ? BAND_COLOUR[band] : COLOUR.ink);
  statBox(
    doc,
    box(1),
    `Change since ${report.previousQuarter.label}`,
    pointsChange(figures?.score ?? null, previous?.score ?? null) ?? '—',
    previous?.score != null
      ? `${changeInWords(figures?.score ?? null, previous.score)}. Was ${previous.score.toFixed(1)} (${bandLabel(previous.band)}) on ${formatDate(Date.parse(`${previous.day}T00:00:00Z`))}`
      : changeInWords(null, null),
  );
  statBox(doc, box(2), 'People at high risk', figures ? String(figures.highRisk) : '—', figures ? `${formatShare(figures.highRisk, figures.members)} members` : '');
  statBox(doc, box(3), 'Attestations signed', figures ? formatPercent(figures.attestationsDone, figures.attestationsDue) : '—', figures ? `${formatShare(figures.attestationsDone, figures.attestationsDue)} of those due` : '');
  statBox(doc, box(4), 'Exceptions in force', figures ? String(figures.openExceptions) : '—', 'Time-bound waivers approved by a compliance officer');
  doc.x = MARGIN.left;
  doc.y = y + 78 + 14;
  if (!figures) paragraph(doc, 'There are no figures for this scope and quarter: no team had members, or no campaign had opened yet.', { muted: true });

  subTitle(doc, 'The findings that matter most', 70);
  const top = keyFindings(report.findings);
  if (top.length === 0) paragraph(doc, 'Nobody in scope fails any rule.', { muted: true });
  top.forEach((finding, index) => {
    ensureSpace(doc, 50);
    const x = MARGIN.left;
    const y0 = doc.y;
    doc.font(FONT.bold).fontSize(18).fillColor(COLOUR.brand).text(String(index + 1), x, y0, { width: 20 });
    const textX = x + 24;
    const textWidth = contentWidth(doc) - 24;
    const was = finding.previousFails === null ? '' : `; ${finding.previousFails} at the end of ${report.previousQuarter.label}`;
    doc
      .font(FONT.bold)
      .fontSize(10)
      .fillColor(finding.severity ? SEVERITY_COLOUR[finding.severity] : COLOUR.ink)
      .text(`[${severityLabel(finding.severity)}] `, textX, y0, { width: textWidth, continued: true })
      .fillColor(COLOUR.ink)
      .text(pdfText(`${finding.ruleId} ${finding.title}`));
    doc.font(FONT.regular).fontSize(9).fillColor(COLOUR.ink).text(pdfText(`${finding.fails} ${finding.fails === 1 ? 'person fails' : 'people fail'} it${was}. ${finding.why}`), textX, doc.y + 1, { width: textWidth, lineGap: 1 });
    if (finding.remediation[0]) doc.font(FONT.italic).fontSize(9).fillColor(COLOUR.muted).text(pdfText(`First step: ${finding.remediation[0]}`), textX, doc.y + 1, { width: textWidth });
    doc.moveDown(0.7);
  });

  subTitle(doc, `Risk over time: ${report.trend.quarters[0]!.label} to ${report.quarter.label}`, 220);
  const chartY = doc.y;
  drawTrendChart(doc, report.trend, { x: MARGIN.left, y: chartY, width: contentWidth(doc), height: 220 });
  doc.moveDown(0.6);
}

/** '89%' of part over whole; 'none due' for no whole. */
export function formatPercent(part: number, whole: number): string {
  return whole === 0 ? 'none due' : `${Math.round((100 * part) / whole)}%`;
}
