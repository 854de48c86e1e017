import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv, toCsvChunks } from '@/lib/csv/write';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    [-5, '-5'],
    [3.5, '3.5'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
    [new Date('2026-11-23T10:00:00Z'), '2026-11-23T10:00:00.000Z'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ] as const)('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes a BOM, a header row and CRLF-separated rows', () => {
    expect(toCsv(['Name', 'Score'], [['Sam', 82.1], ['=cmd', null]])).toBe('\uFEFFName,Score\r\nSam,82.1\r\n\'=cmd,\r\n');
  });
});

describe('csvFileName', () => {
  it('keeps only safe characters', () => {
    expect(csvFileName('Rates & Swaps', '2026-Q4')).toBe('rates-swaps-2026-q4.csv');
    expect(csvFileName('../../etc/passwd')).toBe('etc-passwd.csv');
    expect(csvFileName('')).toBe('export.csv');
  });
});

describe('toCsvChunks', () => {
  it('joins to the same document as toCsv, whatever the batching, empty batches included', () => {
    const rows = [['a', 1], ['=cmd', null], ['x,y', true]] as const;
    expect([...toCsvChunks(['H1', 'H2'], [rows.slice(0, 1), [], rows.slice(1)])].join('')).toBe(toCsv(['H1', 'H2'], rows));
    expect([...toCsvChunks(['H1'], [])].join('')).toBe(toCsv(['H1'], []));
  });
});
