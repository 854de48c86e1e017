import PDFDocument from 'pdfkit';
import type { QuarterlyReport } from '../model';
import { COLOUR, FONT, MARGIN, pdfText, type Doc } from './layout';
import { drawAttestation, drawExceptions, drawFindings, drawHighRisk, drawPosture, drawSignOff, drawTeams } from './sections';
import { drawCover, drawSummary } from './summary';

/** Running header and footer on every page but the cover: the report's scope, quarter and "Page n of N". */
function drawPageFurniture(doc: Doc, report: QuarterlyReport): void {
  const { start, count } = doc.bufferedPageRange();
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const title = pdfText(`${report.organisation} - quarterly compliance report - ${report.scopeLabel} - ${report.quarter.label}`);
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    // Writing inside the margins would make pdfkit start a new page: lift them while the furniture is drawn.
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const footerY = doc.page.height - MARGIN.bottom + 22;
    doc.moveTo(MARGIN.left, footerY - 6).lineTo(MARGIN.left + width, footerY - 6).lineWidth(0.5).strokeColor(COLOUR.rule).stroke();
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLOUR.muted);
    doc.text(pdfText(`Scope: ${report.scopeLabel} - ${report.quarter.label} - Confidential`), MARGIN.left, footerY, { width: width - 80, lineBreak: false });
    doc.text(`Page ${i - start + 1} of ${count}`, MARGIN.left + width - 80, footerY, { width: 80, align: 'right', lineBreak: false });
    if (i > start) doc.text(title, MARGIN.left, MARGIN.top - 30, { width, lineBreak: false, ellipsis: true });
    doc.page.margins = margins;
  }
}

/** The cover's table of contents, written once every section's first page is known. */
function drawContents(doc: Doc, contents: readonly { title: string; page: number }[]): void {
  doc.switchToPage(doc.bufferedPageRange().start);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  let y = 470;
  doc.font(FONT.regular).fontSize(9).fillColor(COLOUR.muted).text('CONTENTS', MARGIN.left, y, { width, characterSpacing: 0.5 });
  y += 16;
  contents.forEach((entry, index) => {
    doc.font(FONT.regular).fontSize(10).fillColor(COLOUR.ink).text(`${index + 1}. ${entry.title}`, MARGIN.left, y, { width: width - 60, lineBreak: false });
    doc.text(String(entry.page), MARGIN.left + width - 60, y, { width: 60, align: 'right', lineBreak: false });
    doc.moveTo(MARGIN.left, y + 13).lineTo(MARGIN.left + width, y + 13).lineWidth(0.3).strokeColor(COLOUR.rule).stroke();
    y += 18;
  });
}

/**
 * Draws `report` as an A4 PDF with pdfkit's vector primitives and built-in fonts (nothing is fetched or
 * embedded): cover, executive summary with the trend chart, findings by rule, teams (organisation and
 * sector reports), attestation completion, device posture, exceptions, people at high risk and sign-off.
 */
export function renderReportPdf(report: QuarterlyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGIN },
    bufferPages: true,
    info: {
      Title: pdfText(`Quarterly compliance report: ${report.scopeLabel}, ${report.quarter.label}`),
      Author: pdfText(report.generatedBy),
      Subject: pdfText(`${report.organisation}: messaging-policy compliance`),
      Creator: 'Onchannel',
      CreationDate: report.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawCover(doc, report);
  doc.addPage();
  const contents: { title: string; page: number }[] = [];
  const section = (title: string, draw: (number: number) => void) => {
    contents.push({ title, page: doc.bufferedPageRange().count });
    draw(contents.length);
  };
  section('Executive summary', (n) => drawSummary(doc, report, n));
  // The detail starts on its own page: the summary is meant to be read alone.
  doc.addPage();
  section('Findings by rule', (n) => drawFindings(doc, report, n));
  if (report.scope.kind !== 'team') section('Teams', (n) => drawTeams(doc, report, n));
  section('Attestation completion', (n) => drawAttestation(doc, report, n));
  section('Device posture', (n) => drawPosture(doc, report, n));
  section('Exceptions in force', (n) => drawExceptions(doc, report, n));
  section('People at high risk', (n) => drawHighRisk(doc, report, n));
  section('Review and sign-off', (n) => drawSignOff(doc, n));
  drawContents(doc, contents);
  drawPageFurniture(doc, report);
  doc.end();
  return done;
}
