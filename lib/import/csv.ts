import { parse } from 'csv-parse/sync';
import { decodeUpload } from './decode';

/**
 * CSV text → header row and data rows, with the real CSV parser (quoted fields, embedded newlines and
 * delimiters, CRLF). The delimiter (comma, semicolon or tab) is detected from the header line.
 */

/** A parsed table: headers trimmed; each row padded or cut to the header's length. */
export interface CsvTable {
  delimiter: ',' | ';' | '\t';
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/** The delimiter that splits the first line into the most columns (commas win ties). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'] as const;
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',' as ',' | ';' | '\t');
}

/** Parses `text`; throws with the parser's message (with its line number) on malformed CSV such as an unclosed quote. */
export function parseCsvTable(text: string): CsvTable {
  const delimiter = detectDelimiter(text);
  const records = parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  }) as string[][];
  const [header = [], ...data] = records;
  const headers = header.map((h) => h.replace(/\s+/g, ' ').trim());
  return {
    delimiter,
    headers,
    rows: data.map((cells, index) => ({ row: index + 2, cells: headers.map((_, i) => (cells[i] ?? '').trim()) })),
  };
}

/** Header comparison key: case, spacing, underscores and punctuation ignored ("Primary user UPN" = "primary_user_upn"). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * An uploaded file as a CSV table: decoded (size, binary and encoding checks of decodeUpload) then parsed, or
 * the one sentence that says why it cannot be read.
 */
export function readCsvUpload(bytes: Uint8Array, { maxBytes }: { maxBytes: number }): { ok: true; table: CsvTable } | { ok: false; error: string } {
  const decoded = decodeUpload(bytes, { maxBytes });
  if (!decoded.ok) return decoded;
  try {
    return { ok: true, table: parseCsvTable(decoded.text) };
  } catch (error) {
    return { ok: false, error: `The file is not valid CSV: ${error instanceof Error ? error.message : 'unreadable'}.` };
  }
}
