/** Page furniture shared by the report's sections: theme, text that fits the built-in fonts, page breaks, tables. */

/** A pdfkit document. */
export type Doc = PDFKit.PDFDocument;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;

export const COLOUR = {
  ink: '#0f172a',
  muted: '#475569',
  faint: '#94a3b8',
  rule: '#cbd5e1',
  stripe: '#f1f5f9',
  brand: '#312e81',
  brandLight: '#e0e7ff',
  high: '#9f1239',
  medium: '#92400e',
  low: '#166534',
} as const;

/** Page margins in points (A4 is 595 × 842). The footer sits inside the bottom margin. */
export const MARGIN = { top: 64, bottom: 64, left: 50, right: 50 } as const;

// The built-in PDF fonts encode WinAnsi (Latin-1 plus a few typographic marks): anything else would print as
// the wrong glyph, so it is spelt out or replaced before it reaches the page.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SPELT_OUT: Readonly<Record<string, string>> = { '≥': '>=', '≤': '<=', '→': '->', '←': '<-', '✓': 'yes', '✗': 'no', '−': '-' };

/** `text` with every character the built-in fonts cannot draw spelt out or replaced by '?'. */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (SPELT_OUT[char] !== undefined) out += SPELT_OUT[char];
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char) || char === '\n') out += char;
    else out += '?';
  }
  return out;
}

/** Width of the text column. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

/** The lowest y that content may reach on the current page. */
export function pageBottom(doc: Doc): number {
  return doc.page.height - MARGIN.bottom;
}

/** Starts a new page when less than `height` points are left; returns whether it did. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= pageBottom(doc)) return false;
  doc.addPage();
  return true;
}

/** A numbered section heading with a rule under it, kept with at least `keepWith` points of what follows. */
export function sectionTitle(doc: Doc, title: string, keepWith = 80): void {
  ensureSpace(doc, 40 + keepWith);
  if (doc.y > MARGIN.top + 1) doc.moveDown(0.8);
  const x = MARGIN.left;
  doc.font(FONT.bold).fontSize(15).fillColor(COLOUR.brand).text(pdfText(title), x, doc.y, { width: contentWidth(doc) });
  const y = doc.y + 3;
  doc.moveTo(x, y).lineTo(x + contentWidth(doc), y).lineWidth(0.75).strokeColor(COLOUR.brand).stroke();
  doc.x = x;
  doc.y = y + 9;
}

/** A sub-heading. */
export function subTitle(doc: Doc, title: string, keepWith = 60): void {
  ensureSpace(doc, 24 + keepWith);
  doc.moveDown(0.4);
  doc.font(FONT.bold).fontSize(11).fillColor(COLOUR.ink).text(pdfText(title), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

/** A paragraph of body text (or muted, smaller notes). */
export function paragraph(doc: Doc, text: string, { muted = false, size = 10 }: { muted?: boolean; size?: number } = {}): void {
  doc
    .font(FONT.regular)
    .fontSize(size)
    .fillColor(muted ? COLOUR.muted : COLOUR.ink)
    .text(pdfText(text), MARGIN.left, doc.y, { width: contentWidth(doc), lineGap: 2 });
  doc.moveDown(0.5);
}

/** A table column: a share of the table's width (weights are normalised), aligned left or right. */
export interface Column {
  header: string;
  weight: number;
  align?: 'left' | 'right';
}

/** A cell: plain text, or text with a bold first line (e.g. a rule's title over its remediation). */
export type CellValue = string | { title: string; detail?: string; colour?: string };

const CELL_PAD = { x: 5, y: 4 } as const;
const TABLE_FONT_SIZE = 8.5;

/** Whether plain `text` fits on one line of the cell: measuring is much cheaper than wrapping, and most cells fit. */
function fitsOneLine(doc: Doc, text: string, inner: number): boolean {
  return !text.includes('\n') && doc.font(FONT.regular).fontSize(TABLE_FONT_SIZE).widthOfString(text) <= inner;
}

function cellHeight(doc: Doc, value: CellValue, width: number): number {
  const inner = width - 2 * CELL_PAD.x;
  if (typeof value === 'string') {
    const text = pdfText(value);
    if (fitsOneLine(doc, text, inner)) return doc.currentLineHeight(true);
    return doc.heightOfString(text || ' ', { width: inner });
  }
  let height = doc.font(FONT.bold).fontSize(TABLE_FONT_SIZE).heightOfString(pdfText(value.title) || ' ', { width: inner });
  if (value.detail) height += 2 + doc.font(FONT.regular).fontSize(TABLE_FONT_SIZE - 0.5).heightOfString(pdfText(value.detail), { width: inner, lineGap: 1 });
  return height;
}

function drawCell(doc: Doc, value: CellValue, x: number, y: number, width: number, align: 'left' | 'right'): void {
  const inner = width - 2 * CELL_PAD.x;
  const at = { width: inner, align, lineBreak: true } as const;
  if (typeof value === 'string') {
    const text = pdfText(value);
    const oneLine = fitsOneLine(doc, text, inner);
    doc.fillColor(COLOUR.ink).text(text, x + CELL_PAD.x, y + CELL_PAD.y, oneLine ? { ...at, lineBreak: false } : at);
    return;
  }
  doc.font(FONT.bold).fontSize(TABLE_FONT_SIZE).fillColor(value.colour ?? COLOUR.ink).text(pdfText(value.title), x + CELL_PAD.x, y + CELL_PAD.y, at);
  if (value.detail) {
    doc.font(FONT.regular).fontSize(TABLE_FONT_SIZE - 0.5).fillColor(COLOUR.muted).text(pdfText(value.detail), x + CELL_PAD.x, doc.y + 2, { ...at, lineGap: 1 });
  }
}

function drawHeader(doc: Doc, columns: readonly Column[], widths: readonly number[], continued: boolean): void {
  const x0 = MARGIN.left;
  const heights = columns.map((c, i) => doc.font(FONT.bold).fontSize(TABLE_FONT_SIZE).heightOfString(pdfText(c.header), { width: widths[i]! - 2 * CELL_PAD.x }));
  const height = Math.max(...heights) + 2 * CELL_PAD.y;
  const y = doc.y;
  doc.rect(x0, y, widths.reduce((a, b) => a + b, 0), height).fillColor(COLOUR.brandLight).fill();
  let x = x0;
  columns.forEach((column, i) => {
    doc.font(FONT.bold).fontSize(TABLE_FONT_SIZE).fillColor(COLOUR.brand).text(pdfText(column.header), x + CELL_PAD.x, y + CELL_PAD.y, { width: widths[i]! - 2 * CELL_PAD.x, align: column.align ?? 'left' });
    x += widths[i]!;
  });
  doc.y = y + height;
  if (continued) {
    // Says on the new page that the rows above belong to a table begun before.
    doc.font(FONT.italic).fontSize(7.5).fillColor(COLOUR.muted).text('(continued)', x0, y - 11, { width: x - x0, align: 'right', lineBreak: false });
    doc.y = y + height;
  }
}

/** A table no taller than this (points) is kept on one page rather than split with a row or two over. */
const KEEP_TOGETHER_PT = 220;

/**
 * A table with a shaded header row, zebra stripes and wrapped cells. A row that does not fit starts a new
 * page, where the header is drawn again; a row is never split, and a short table is never split at all.
 * `empty` is printed instead when there are no rows.
 */
export function table(doc: Doc, { columns, rows, empty, caption }: { columns: readonly Column[]; rows: readonly CellValue[][]; empty: string; caption?: string }): void {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => (contentWidth(doc) * c.weight) / total);
  const heights = rows.map((row) => Math.max(...row.map((cell, i) => cellHeight(doc, cell, widths[i]!))) + 2 * CELL_PAD.y);
  const captionHeight = caption ? doc.font(FONT.italic).fontSize(8.5).heightOfString(pdfText(caption), { width: contentWidth(doc) }) + 4 : 0;
  const whole = captionHeight + 24 + heights.reduce((sum, h) => sum + h, 0);
  ensureSpace(doc, whole <= KEEP_TOGETHER_PT ? whole : captionHeight + 24 + (heights[0] ?? 20));
  if (caption) {
    doc.font(FONT.italic).fontSize(8.5).fillColor(COLOUR.muted).text(pdfText(caption), MARGIN.left, doc.y, { width: contentWidth(doc) });
    doc.moveDown(0.3);
  }
  if (rows.length === 0) {
    paragraph(doc, empty, { muted: true });
    return;
  }
  drawHeader(doc, columns, widths, false);
  rows.forEach((row, index) => {
    const height = heights[index]!;
    if (doc.y + height > pageBottom(doc)) {
      doc.addPage();
      drawHeader(doc, columns, widths, true);
    }
    const y = doc.y;
    if (index % 2 === 1) doc.rect(MARGIN.left, y, contentWidth(doc), height).fillColor(COLOUR.stripe).fill();
    let x = MARGIN.left;
    row.forEach((cell, i) => {
      drawCell(doc, cell, x, y, widths[i]!, columns[i]!.align ?? 'left');
      x += widths[i]!;
    });
    doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + contentWidth(doc), y + height).lineWidth(0.4).strokeColor(COLOUR.rule).stroke();
    doc.x = MARGIN.left;
    doc.y = y + height;
  });
  doc.moveDown(0.8);
}
