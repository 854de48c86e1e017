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

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Decoded text, or why the file was refused. */
export type DecodeResult = { ok: true; text: string; encoding: Encoding } | { ok: false; error: string };

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

/** Bytes decoded at a time: enough to amortise each call, small enough that no chunk's text weighs on memory. */
const DECODE_CHUNK_BYTES = 1024 * 1024;

// Control characters other than tab, CR and LF do not occur in CSV exports: more than one in 1,000 characters means binary data.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/**
 * Where the chunk of `body` starting at `start` ends: about DECODE_CHUNK_BYTES on, moved back so as not to split
 * a UTF-8 sequence (before continuation bytes) or a UTF-16 surrogate pair (before a high surrogate).
 */
function chunkEnd(body: Uint8Array, start: number, encoding: Encoding): number {
  let end = start + DECODE_CHUNK_BYTES;
  if (end >= body.byteLength) return body.byteLength;
  if (encoding === 'utf-8') {
    for (let back = 0; back < 3 && (body[end]! & 0xc0) === 0x80; back += 1) end -= 1;
    return end;
  }
  const highByte = body[encoding === 'utf-16le' ? end - 1 : end - 2]!;
  return (highByte & 0xfc) === 0xd8 ? end - 2 : end;
}

/**
 * Decodes `bytes` chunk by chunk, BOM removed, handing each piece of text to `onText` as it is decoded, so
 * that the whole text need never be held. Refuses files over `maxBytes`, empty files and binary files with a
 * sentence saying which; as the binary and empty checks need the whole file, the refusal comes after the
 * pieces have been handed on, and callers must discard what they made of them.
 */
export function decodeUploadInChunks(
  bytes: Uint8Array,
  { maxBytes = DEFAULT_IMPORT_MAX_BYTES }: { maxBytes?: number },
  onText: (text: string) => void,
): { ok: true; encoding: Encoding } | { ok: false; error: string } {
  if (bytes.byteLength === 0) return { ok: false, error: 'The file is empty.' };
  if (bytes.byteLength > maxBytes) {
    return { ok: false, error: `The file is ${formatMegabytes(bytes.byteLength)}; the limit is ${formatMegabytes(maxBytes)}. Split it or export fewer columns.` };
  }
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) return { ok: false, error: `This looks like ${signature.name}, not a CSV file. Save or export it as CSV and upload that.` };
  const [encoding, body] = startsWith(bytes, [0xff, 0xfe])
    ? (['utf-16le', bytes.subarray(2)] as const)
    : startsWith(bytes, [0xfe, 0xff])
      ? (['utf-16be', bytes.subarray(2)] as const)
      : (['utf-8', startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes] as const);
  if (encoding === 'utf-8' && body.includes(0)) return binary();
  // Each chunk is decoded whole, cut between characters: V8 then makes one-byte strings of Latin-1 text, where
  // a streaming decoder's are two-byte, and every cell string taken from them would be twice the size.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let length = 0;
  let controls = 0;
  let blank = true;
  let at = 0;
  do {
    const end = chunkEnd(body, at, encoding);
    let text: string;
    try {
      text = decoder.decode(body.subarray(at, end));
    } catch {
      return { ok: false, error: 'The file is not UTF-8 or UTF-16 text. Export it as CSV (UTF-8) and upload that.' };
    }
    // A second BOM is dropped too, as TextDecoder does by default.
    if (at === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    length += text.length;
    controls += text.match(CONTROL_CHARACTERS)?.length ?? 0;
    blank &&= text.trim() === '';
    onText(text);
    at = end;
  } while (at < body.byteLength);
  if (controls > 0 && controls > length / 1000) return binary();
  if (blank) return { ok: false, error: 'The file is empty.' };
  return { ok: true, encoding };
}

/**
 * Decodes `bytes` to text, BOM removed. Refuses files over `maxBytes`, empty files and binary files,
 * with a sentence saying which.
 */
export function decodeUpload(bytes: Uint8Array, { maxBytes = DEFAULT_IMPORT_MAX_BYTES }: { maxBytes?: number } = {}): DecodeResult {
  const pieces: string[] = [];
  const decoded = decodeUploadInChunks(bytes, { maxBytes }, (text) => pieces.push(text));
  return decoded.ok ? { ...decoded, text: pieces.join('') } : decoded;
}

function binary(): { ok: false; error: string } {
  return { ok: false, error: 'The file is binary, not a CSV text file. Export it as CSV and upload that.' };
}
