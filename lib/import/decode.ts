import { createHash } from 'node:crypto';
/**
 * Turning an uploaded file into text, refusing what is not a text CSV: too large, empty, binary
 * (NUL bytes, known archive/office signatures, invalid UTF-8). Handles UTF-8 with or without BOM and
 * UTF-16 LE/BE with BOM (Excel's "Unicode text").
 */

/** Default upload limit, in bytes (20 MB). */
export const DEFAULT_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** The upload limit in bytes from IMPORT_MAX_BYTES, else 20 MB. */
export function importMaxBytes(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(env.IMPORT_MAX_BYTES);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_IMPORT_MAX_BYTES;
}

/** Decoded text, or why the file was refused. */
export type DecodeResult = { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' } | { ok: false; error: string };

const SIGNATURES: readonly { bytes: readonly number[]; name: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive or an Excel workbook (.xlsx)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Excel workbook (.xls)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'a PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
const formatMegabytes = (bytes: number) => `${megabytes(bytes)} MB`;

/** The import size limit in megabytes, to one decimal: what the upload forms check before sending. */
export function importMaxMegabytes(): number {
  return megabytes(importMaxBytes());
}

/**
 * An uploaded file's bytes and their SHA-256 (a confirmation must carry the hash of the file previewed), or the
 * refusal of a file over `maxBytes`, before it is read into memory.
 */
export async function readUpload(file: File, { maxBytes }: { maxBytes: number }): Promise<{ ok: true; bytes: Uint8Array; sha256: string } | { ok: false; error: string }> {
  const oneDecimal = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
  if (file.size > maxBytes) return { ok: false, error: `The file is ${oneDecimal(file.size)} MB; the limit is ${oneDecimal(maxBytes)} MB. Nothing was imported.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { ok: true, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Decodes `bytes` to text, BOM removed. Refuses files over `maxBytes`, empty files and binary files,
 * with a sentence saying which.
 */
export function decodeUpload(bytes: Uint8Array, { maxBytes = DEFAULT_IMPORT_MAX_BYTES }: { maxBytes?: number } = {}): DecodeResult {
  if (bytes.byteLength === 0) return { ok: false, error: 'The file is empty.' };
  if (bytes.byteLength > maxBytes) {
    return { ok: false, error: `The file is ${formatMegabytes(bytes.byteLength)}; the limit is ${formatMegabytes(maxBytes)}. Split it or export fewer columns.` };
  }
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) return { ok: false, error: `This looks like ${signature.name}, not a CSV file. Save or export it as CSV and upload that.` };
  try {
    if (startsWith(bytes, [0xff, 0xfe])) return checkText(new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)), 'utf-16le');
    if (startsWith(bytes, [0xfe, 0xff])) return checkText(new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)), 'utf-16be');
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    if (body.includes(0)) return binary();
    return checkText(new TextDecoder('utf-8', { fatal: true }).decode(body), 'utf-8');
  } catch {
    return { ok: false, error: 'The file is not UTF-8 or UTF-16 text. Export it as CSV (UTF-8) and upload that.' };
  }
}

function binary(): DecodeResult {
  return { ok: false, error: 'The file is binary, not a CSV text file. Export it as CSV and upload that.' };
}

function checkText(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): DecodeResult {
  // Control characters other than tab, CR and LF do not occur in CSV exports: their presence means binary data.
  const controls = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 0 && controls > text.length / 1000) return binary();
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' };
  return { ok: true, text, encoding };
}
