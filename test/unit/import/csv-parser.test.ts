import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUpload } from '@/lib/import';
import { createCsvParser, CsvSyntaxError, detectDelimiter } from '@/lib/import/csv-parser';

/** Records or the syntax error of `text`, pushed to the parser in pieces cut at `cuts`. */
function parsed(text: string, cuts: readonly number[] = []): { records: string[][] } | { error: string } {
  const records: string[][] = [];
  const parser = createCsvParser((fields) => records.push(fields));
  try {
    let from = 0;
    for (const cut of [...cuts, text.length].sort((a, b) => a - b)) {
      parser.push(text.slice(from, Math.max(from, cut)));
      from = Math.max(from, cut);
    }
    parser.end();
    return { records };
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { error: error.message };
  }
}

/** What csv-parse makes of the whole of `text` with the import's options. */
function csvParse(text: string): { records: string[][] } | { error: string } {
  try {
    const options = { delimiter: detectDelimiter(text), bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true };
    return { records: parse(text, options) as string[][] };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the CSV parser', () => {
  it.each([
    ['quoted delimiters, newlines and quotes', 'a,b\r\n"x, y","line 1\r\nline 2","say ""hi"""\r\n', [['a', 'b'], ['x, y', 'line 1\r\nline 2', 'say "hi"']]],
    ['LF, semicolons, a last line without newline', 'a;b\nc;d', [['a', 'b'], ['c', 'd']]],
    ['old Mac CR line ends', 'a,b\rc,d\r', [['a', 'b'], ['c', 'd']]],
    ['a BOM, blank lines and rows of empty cells skipped', '\uFEFFa,b\r\n\r\n,\r\n  ,\t\r\n""\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['ragged rows kept as they are', 'a,b,c\r\n1\r\n1,2,3,4\r\n', [['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']]],
    ['tabs', 'a\tb\r\n1\t2\r\n', [['a', 'b'], ['1', '2']]],
    ['a LF inside a CRLF file, outside quotes, as field text', 'a,b\r\nx\ny,z\r\n', [['a', 'b'], ['x\ny', 'z']]],
  ])('reads %s', (_name, text, records) => {
    expect(parsed(text)).toEqual({ records });
  });

  it.each([
    ['an unclosed quote', 'a,b\r\n"x,y\r\n', 'Quote Not Closed: the parsing is finished with an opening quote at line 3'],
    ['text after a closing quote', 'a,b\r\n"x"y,z\r\n', 'Invalid Closing Quote: got "y" at line 2 instead of delimiter, record delimiter, trimable character (if activated) or comment'],
    ['a quote inside a field', 'a,b\r\nx,y"z\r\n', 'Invalid Opening Quote: a quote is found on field 1 at line 2, value is "y"'],
  ])('refuses %s with its line', (_name, text, error) => {
    expect(parsed(text)).toEqual({ error });
  });

  it('reads any text as csv-parse reads it whole, records and errors alike, however the text is cut into pieces', () => {
    const piece = fc.constantFrom('a', 'b', ',', ';', '\t', '"', '"', '\r', '\n', '\r\n', ' ', '\0', 'é', '\uFEFF', 'a long field value');
    const text = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(70), { maxLength: 4 }), (csv, cuts) => {
        expect(parsed(csv, cuts)).toEqual(csvParse(csv));
      }),
      { numRuns: 500 },
    );
  });
});

describe('decoding an upload in chunks', () => {
  // Characters of one to four UTF-8 bytes (and one or two UTF-16 units), so that some straddle every chunk boundary.
  const text = `a,b\r\n${'é€😀x,'.repeat(300_000)}\r\n`;

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
  ])('gives back %s text whole, past chunk boundaries', (_name, bytes) => {
    expect(decodeUpload(new Uint8Array(bytes), { maxBytes: 50 * 1024 * 1024 })).toEqual({ ok: true, encoding: expect.any(String), text });
  });

  it('refuses invalid UTF-8 past the first chunk', () => {
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xc3, 0x28])]);
    expect(decodeUpload(new Uint8Array(bytes), { maxBytes: 50 * 1024 * 1024 })).toMatchObject({ ok: false, error: expect.stringContaining('not UTF-8') });
  });
});
