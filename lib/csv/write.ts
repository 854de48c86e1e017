/**
 * CSV export that spreadsheets open safely: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark so
 * Excel reads accents correctly, and formula injection neutralised — a cell starting with =, +, -, @, a tab
 * or a carriage return is prefixed with an apostrophe so it is shown as text, never evaluated (OWASP).
 */

export type CsvCell = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: neutralised, then quoted when it holds a delimiter, quote or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  // Negative numbers are data, not formulas: only text is neutralised.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, without its line end. */
export function csvLine(row: readonly CsvCell[]): string {
  return row.map(csvCell).join(',');
}

/** A whole CSV document: header row then data rows, CRLF-separated, with a leading BOM. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers, ...rows].map(csvLine);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same document as `toCsv`, as text chunks (one per batch of rows), for exports too large to hold whole. */
export function* toCsvChunks(headers: readonly string[], batches: Iterable<readonly (readonly CsvCell[])[]>): Generator<string> {
  yield `\uFEFF${csvLine(headers)}\r\n`;
  for (const batch of batches) if (batch.length > 0) yield `${batch.map(csvLine).join('\r\n')}\r\n`;
}

/** A file name safe in a Content-Disposition header: lower-case letters, digits and dashes. */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'export'}.csv`;
}
