import { createCsvParser, CsvSyntaxError } from './csv-parser';
import { decodeUploadInChunks } from './decode';

/**
 * CSV text → header row and data rows (quoted fields, embedded newlines and delimiters, CRLF; see csv-parser).
 * The delimiter (comma, semicolon or tab) is detected from the header line. Uploads are read as a stream:
 * decoded, parsed and handed on row by row.
 */

/** A parsed table: headers trimmed; each row padded or cut to the header's length. */
export interface CsvTable {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/** Receives a CSV file's header row, then each data row with its spreadsheet row number (the header is row 1). */
export interface CsvRowVisitor {
  header(headers: string[]): void;
  /** `cells` trimmed, padded or cut to the header's length. */
  row(row: number, cells: string[]): void;
}

/** A parser handing the first record to `visitor.header` (spacing normalised) and the others to `visitor.row`. */
function createTableParser(visitor: CsvRowVisitor) {
  let width = -1;
  let row = 1;
  return createCsvParser((fields) => {
    if (width < 0) {
      const headers = fields.map((h) => h.replace(/\s+/g, ' ').trim());
      width = headers.length;
      visitor.header(headers);
      return;
    }
    // The parser hands over a new array per record: it becomes the row's cells in place.
    const cells = fields;
    const given = cells.length;
    for (let i = 0; i < width; i += 1) cells[i] = i < given ? cells[i]!.trim() : '';
    cells.length = width;
    row += 1;
    visitor.row(row, cells);
  });
}

/** A visitor filling `table`. */
const collectTable = (table: CsvTable): CsvRowVisitor => ({
  header: (headers) => {
    table.headers = headers;
  },
  row: (row, cells) => {
    table.rows.push({ row, cells });
  },
});

/** Parses `text`; throws with the parser's message (with its line number) on malformed CSV such as an unclosed quote. */
export function parseCsvTable(text: string): CsvTable {
  const table: CsvTable = { headers: [], rows: [] };
  const parser = createTableParser(collectTable(table));
  parser.push(text);
  parser.end();
  return table;
}

/** Header comparison key: case, spacing, underscores and punctuation ignored ("Primary user UPN" = "primary_user_upn"). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Reads an uploaded file as CSV, handing its header and rows to `visitor` as they are parsed, or returns the one
 * sentence that says why it cannot be read (the size, binary and encoding checks of decodeUploadInChunks, then
 * malformed CSV). A refusal can come after rows were handed on: the caller then discards them.
 */
export function visitCsvUpload(bytes: Uint8Array, { maxBytes }: { maxBytes: number }, visitor: CsvRowVisitor): { ok: true } | { ok: false; error: string } {
  const parser = createTableParser(visitor);
  // Set from inside callbacks: declared wide so that the checks below are not narrowed away.
  let syntaxError = null as string | null;
  const readSafely = (read: () => void) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      syntaxError = error.message;
    }
  };
  // After a syntax error the rest is still decoded: an encoding or binary refusal takes precedence.
  const decoded = decodeUploadInChunks(bytes, { maxBytes }, (text) => {
    if (syntaxError === null) readSafely(() => parser.push(text));
  });
  if (!decoded.ok) return decoded;
  if (syntaxError === null) readSafely(() => parser.end());
  if (syntaxError !== null) return { ok: false, error: `The file is not valid CSV: ${syntaxError}.` };
  return { ok: true };
}

/**
 * An uploaded file as a CSV table: decoded (size, binary and encoding checks of decodeUpload) then parsed, or
 * the one sentence that says why it cannot be read.
 */
export function readCsvUpload(bytes: Uint8Array, { maxBytes }: { maxBytes: number }): { ok: true; table: CsvTable } | { ok: false; error: string } {
  const table: CsvTable = { headers: [], rows: [] };
  const read = visitCsvUpload(bytes, { maxBytes }, collectTable(table));
  return read.ok ? { ok: true, table } : read;
}
