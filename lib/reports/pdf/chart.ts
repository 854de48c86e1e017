import { HIGH_RISK_BELOW_SCORE, MEDIUM_RISK_BELOW_SCORE } from '../../scoring/score';
import type { QuarterlyReport } from '../model';
import { COLOUR, FONT, pdfText, type Doc } from './layout';

type Trend = QuarterlyReport['trend'];
type MarkerKind = Trend['markers'][number]['kind'];

/** Marker line styles: told apart by dash pattern as well as colour, and named in the key under the chart. */
const MARKER_STYLE: Readonly<Record<MarkerKind, { colour: string; dash: [number, number]; label: string }>> = {
  'campaign-opens': { colour: '#4b5563', dash: [4, 3], label: 'Campaign opens' },
  'campaign-due': { colour: '#9f1239', dash: [1, 2], label: 'Campaign due' },
  'policy-change': { colour: '#6d28d9', dash: [7, 2], label: 'Policy change' },
};

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The risk-over-time chart drawn with vector paths: the daily score (0–100) across the report's quarter and
 * the three before it, with the risk bands shaded and named, quarter boundaries, and campaign and policy
 * markers. Gaps (no members) break the line. Occupies `height` points from (x, y), key included.
 */
export function drawTrendChart(doc: Doc, trend: Trend, box: { x: number; y: number; width: number; height: number }): void {
  const axisLeft = 28;
  const keyHeight = 30;
  const plot = { x: box.x + axisLeft, y: box.y + 4, width: box.width - axisLeft - 64, height: box.height - keyHeight - 22 };
  const from = trend.quarters[0]!.start.getTime();
  const to = trend.quarters[trend.quarters.length - 1]!.end.getTime();
  const xOf = (ms: number) => plot.x + ((ms - from) / (to - from)) * plot.width;
  const yOf = (score: number) => plot.y + plot.height - (score / 100) * plot.height;

  // Risk bands, named at the right so that the shading is not the only signal.
  const bands = [
    { from: 0, to: HIGH_RISK_BELOW_SCORE, fill: '#fde8ec', colour: COLOUR.high, label: 'High risk' },
    { from: HIGH_RISK_BELOW_SCORE, to: MEDIUM_RISK_BELOW_SCORE, fill: '#fdf3e1', colour: COLOUR.medium, label: 'Medium risk' },
    { from: MEDIUM_RISK_BELOW_SCORE, to: 100, fill: '#e8f5ec', colour: COLOUR.low, label: 'Low risk' },
  ];
  for (const band of bands) {
    doc.rect(plot.x, yOf(band.to), plot.width, yOf(band.from) - yOf(band.to)).fillColor(band.fill).fill();
    doc.font(FONT.regular).fontSize(7).fillColor(band.colour).text(band.label, plot.x + plot.width + 4, (yOf(band.from) + yOf(band.to)) / 2 - 3, { width: 60, lineBreak: false });
  }

  // Horizontal grid and score axis.
  for (let score = 0; score <= 100; score += 10) {
    const y = yOf(score);
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.width, y).lineWidth(score % 50 === 0 ? 0.6 : 0.25).strokeColor(COLOUR.rule).stroke();
    if (score % 20 === 0) doc.font(FONT.regular).fontSize(7).fillColor(COLOUR.muted).text(String(score), box.x, y - 3, { width: axisLeft - 5, align: 'right', lineBreak: false });
  }

  // Quarter boundaries and names; the report's own quarter (the last) in bold.
  trend.quarters.forEach((quarter, index) => {
    const left = xOf(quarter.start.getTime());
    const right = xOf(quarter.end.getTime());
    doc.moveTo(left, plot.y).lineTo(left, plot.y + plot.height).lineWidth(0.5).strokeColor(COLOUR.faint).stroke();
    const last = index === trend.quarters.length - 1;
    doc.font(last ? FONT.bold : FONT.regular).fontSize(7.5).fillColor(last ? COLOUR.ink : COLOUR.muted).text(quarter.label, left, plot.y + plot.height + 5, { width: right - left, align: 'center', lineBreak: false });
  });
  doc.moveTo(xOf(to), plot.y).lineTo(xOf(to), plot.y + plot.height).lineWidth(0.5).strokeColor(COLOUR.faint).stroke();

  for (const marker of trend.markers) {
    const ms = dayMs(marker.day);
    if (ms < from || ms >= to) continue;
    const style = MARKER_STYLE[marker.kind];
    const x = xOf(ms);
    doc.save().moveTo(x, plot.y).lineTo(x, plot.y + plot.height).lineWidth(0.7).dash(style.dash[0], { space: style.dash[1] }).strokeColor(style.colour).stroke().restore();
  }

  // The score line, broken where there is no score.
  let drawing = false;
  for (const point of trend.points) {
    const ms = dayMs(point.day);
    if (point.score === null || ms < from || ms >= to) {
      drawing = false;
      continue;
    }
    if (drawing) doc.lineTo(xOf(ms), yOf(point.score));
    else doc.moveTo(xOf(ms), yOf(point.score));
    drawing = true;
  }
  doc.lineWidth(1.6).lineJoin('round').strokeColor(COLOUR.brand).stroke();
  const last = trend.points.findLast((p) => p.score !== null);
  if (last && last.score !== null) {
    const [x, y] = [xOf(dayMs(last.day)), yOf(last.score)];
    doc.circle(x, y, 2.2).fillColor(COLOUR.brand).fill();
    doc.font(FONT.bold).fontSize(7.5).fillColor(COLOUR.brand).text(last.score.toFixed(1), x - 30, y - 12, { width: 28, align: 'right', lineBreak: false });
  }
  if (trend.points.every((p) => p.score === null)) {
    doc.font(FONT.italic).fontSize(9).fillColor(COLOUR.muted).text('No daily figures in these quarters.', plot.x, plot.y + plot.height / 2 - 5, { width: plot.width, align: 'center' });
  }

  // Key, in words.
  let keyX = plot.x;
  const keyY = plot.y + plot.height + 20;
  const item = (label: string, draw: (x: number, y: number) => void) => {
    draw(keyX, keyY + 4);
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLOUR.muted).text(pdfText(label), keyX + 22, keyY, { lineBreak: false });
    keyX += 22 + doc.widthOfString(pdfText(label)) + 14;
  };
  item('Daily score (0-100, higher is safer)', (x, y) => doc.moveTo(x, y).lineTo(x + 18, y).lineWidth(1.6).strokeColor(COLOUR.brand).stroke());
  for (const style of Object.values(MARKER_STYLE)) {
    item(style.label, (x, y) => doc.save().moveTo(x, y).lineTo(x + 18, y).lineWidth(0.9).dash(style.dash[0], { space: style.dash[1] }).strokeColor(style.colour).stroke().restore());
  }
  doc.x = box.x;
  doc.y = box.y + box.height;
}
