import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeUpload, importMaxBytes, prepareImport } from '@/lib/import';

const HEADER = 'owner_email,external_id,model,kind,os,os_version\r\n';
const ROW = 'a@x.example,D1,iPhone 15,phone,ios,18.1\r\n';
const utf16 = (text: string, bigEndian: boolean) => {
  const body = Buffer.from(text, 'utf16le');
  if (bigEndian) body.swap16();
  return new Uint8Array(Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]));
};
const refusal = (bytes: Uint8Array, maxBytes?: number) => {
  const r = prepareImport(bytes, { maxBytes });
  return r.ok ? null : r.error;
};

describe('encodings Excel writes', () => {
  it.each([
    ['UTF-16 LE with BOM', utf16(HEADER + ROW, false)],
    ['UTF-16 BE with BOM', utf16(HEADER + ROW, true)],
    ['UTF-8 with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEADER + ROW)]))],
    ['UTF-8, LF only', new TextEncoder().encode((HEADER + ROW).replace(/\r/g, ''))],
  ])('%s reads the same record', (_name, bytes) => {
    const r = prepareImport(bytes);
    expect(r.ok && r.records.map((x) => [x.ownerEmail, x.externalId, x.facts?.model])).toEqual([['a@x.example', 'D1', 'iPhone 15']]);
  });
});

describe('files refused as a whole, with a clear message', () => {
  it.each([
    ['empty', new Uint8Array(), 'empty'],
    ['only spaces', new TextEncoder().encode('  \r\n '), 'empty'],
    ['an xlsx workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'Excel workbook'],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n...'), 'PDF'],
    ['random binary', new Uint8Array(fs.readFileSync(process.execPath).subarray(0, 4096)), 'binary'],
    ['NUL bytes in text', new TextEncoder().encode(`${HEADER}a\u0000b,c\r\n`), 'binary'],
    ['invalid UTF-8', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xc3, 0x28, 0x2c, 0x61]), 'not UTF-8'],
    ['an unclosed quote', new TextEncoder().encode(`${HEADER}"a@x.example,D1\r\n`), 'not valid CSV'],
    ['an unknown header', new TextEncoder().encode('name,colour\r\nx,y\r\n'), 'matches no format'],
    ['a header with no rows', new TextEncoder().encode(HEADER), 'no data rows'],
    ['a single column', new TextEncoder().encode('hello\nworld\n'), 'header row'],
  ])('%s', (_name, bytes, message) => {
    expect(refusal(bytes)).toContain(message);
  });

  it('over the size limit, saying both sizes', () => {
    expect(refusal(new TextEncoder().encode(HEADER + ROW.repeat(100)), 1024)).toMatch(/MB; the limit is 0 MB|limit is/);
    expect(decodeUpload(new Uint8Array(2048), { maxBytes: 1024 })).toMatchObject({ ok: false, error: expect.stringContaining('the limit is') });
  });

  it('reads the limit from IMPORT_MAX_BYTES, 20 MB by default', () => {
    expect(importMaxBytes({})).toBe(20 * 1024 * 1024);
    expect(importMaxBytes({ IMPORT_MAX_BYTES: '1000' })).toBe(1000);
    expect(importMaxBytes({ IMPORT_MAX_BYTES: 'lots' })).toBe(20 * 1024 * 1024);
  });
});

describe('hostile and ragged rows', () => {
  it('keeps HTML as plain text (React escapes it on display)', () => {
    const r = prepareImport(new TextEncoder().encode(`${HEADER}a@x.example,D1,"<img src=x onerror=alert(1)>",phone,ios,18\r\n`));
    expect(r.ok && r.records[0]?.facts?.model).toBe('<img src=x onerror=alert(1)>');
  });
  it('refuses an e-mail with markup and an over-long field', () => {
    const r = prepareImport(new TextEncoder().encode(`${HEADER}"<b>@x.example",D1,m,phone,ios,1\r\na@x.example,D2,${'m'.repeat(300)},phone,ios,1\r\n`));
    expect(r.ok && r.errors.map((e) => [e.row, e.column])).toEqual([[2, 'owner_email'], [3, 'model']]);
  });
  it('pads missing columns and ignores extra ones', () => {
    const r = prepareImport(new TextEncoder().encode(`${HEADER}a@x.example,D1,iPhone,phone,ios,18,extra,more\r\nb@x.example,D2,Pixel,phone,android\r\n`));
    expect(r.ok && r.records.map((x) => x.externalId)).toEqual(['D1']);
    expect(r.ok && r.errors).toEqual([{ row: 3, column: 'os_version', reason: 'No OS version.' }]);
  });
  it('skips blank lines', () => {
    const r = prepareImport(new TextEncoder().encode(`${HEADER}\r\n${ROW}\r\n,,,,,\r\n`));
    expect(r.ok && r.records).toHaveLength(1);
  });
});
