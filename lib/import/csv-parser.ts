import { CsvError, parse } from 'csv-parse/sync';

/**
 * The CSV reader of the imports, on csv-parse (quotes with "" escapes, embedded newlines and delimiters, CRLF,
 * LF or CR line ends, a leading BOM; empty lines and records of blank fields skipped; ragged rows kept).
 * Text is pushed in the pieces it is decoded in; records are handed on one by one as csv-parse reads them
 * and never collected into one array, so the rows of a large file are not all held at once.
 */

/** Field delimiters the import recognises. */
export type CsvDelimiter = ',' | ';' | '\t';

/** Malformed CSV: the message says what and on which line. */
export class CsvSyntaxError extends Error {}

/** The delimiter that splits the first line into the most columns (commas win ties). */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'] as const;
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',' as CsvDelimiter);
}

/** A parser fed with `push` then `end`; `end` throws CsvSyntaxError on malformed CSV. */
export interface CsvParser {
  push(text: string): void;
  end(): void;
}

/** A parser calling `onRecord` with the fields of each record, in order; the delimiter is detected from the first line. */
export function createCsvParser(onRecord: (fields: string[]) => void): CsvParser {
  const pieces: string[] = [];
  return {
    push: (text) => {
      pieces.push(text);
    },
    end: () => {
      const text = pieces.join('');
      pieces.length = 0;
      try {
        parse(text, {
          delimiter: detectDelimiter(text),
          bom: true,
          relax_column_count: true,
          skip_empty_lines: true,
          skip_records_with_empty_values: true,
          // Each record goes straight on; returning null keeps csv-parse from collecting them.
          on_record: (record: string[]) => {
            onRecord(record);
            return null;
          },
        });
      } catch (error) {
        if (error instanceof CsvError) throw new CsvSyntaxError(error.message);
        throw error;
      }
    },
  };
}
