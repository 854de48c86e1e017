import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * Personal values (a name, an e-mail, a typed signature, a network address) kept inside append-only, hash-chained
 * records are sealed with a key of the person they are about (AES-256-GCM, bound to that person's id). The
 * record's hash covers the sealed text, so erasing the person's key when the retention period purges them makes
 * every such value unreadable without rewriting a record or breaking a chain ("crypto-shredding").
 *
 * Sealed text: `sealed:v1:<person id>:<base64url of iv ‖ tag ‖ ciphertext>`.
 */
const PREFIX = 'sealed:v1:';
export const PERSONAL_KEY_BYTES = 32;
export const SEALING_IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealed value reads as once its person's key has been erased. */
export const ERASED = '[erased]';

/** `text` sealed for person `subjectId` with their `key`; `iv` must be fresh random bytes for every value. */
export function sealPersonal(subjectId: number, key: Buffer, iv: Buffer, text: string): string {
  if (key.length !== PERSONAL_KEY_BYTES) throw new Error(`A personal key has ${PERSONAL_KEY_BYTES} bytes, not ${key.length}`);
  if (iv.length !== SEALING_IV_BYTES) throw new Error(`A sealing IV has ${SEALING_IV_BYTES} bytes, not ${iv.length}`);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(String(subjectId)));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `${PREFIX}${subjectId}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

/** The person a sealed value belongs to, or null when `value` is not sealed text. */
export function sealedSubject(value: unknown): number | null {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return null;
  const match = /^(\d{1,15}):[A-Za-z0-9_-]+$/.exec(value.slice(PREFIX.length));
  return match ? Number(match[1]) : null;
}

/**
 * The text of a sealed value: ERASED when its person's key is gone (`key` undefined). Text that is not sealed,
 * or does not open with the key (it was never sealed by Onchannel: a name that merely looks like sealed text), is
 * returned as it is.
 */
export function openPersonal(value: string, key: Buffer | undefined): string {
  const subject = sealedSubject(value);
  if (subject === null) return value;
  if (key === undefined) return ERASED;
  const bytes = Buffer.from(value.slice(value.indexOf(':', PREFIX.length) + 1), 'base64url');
  if (bytes.length < SEALING_IV_BYTES + TAG_BYTES) return value;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, SEALING_IV_BYTES));
    decipher.setAAD(Buffer.from(String(subject)));
    decipher.setAuthTag(bytes.subarray(SEALING_IV_BYTES, SEALING_IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(SEALING_IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return value;
  }
}

/** Every person whose sealed values appear anywhere in `value` (strings, arrays, nested objects). */
export function sealedSubjects(value: unknown, into = new Set<number>()): Set<number> {
  if (typeof value === 'string') {
    const subject = sealedSubject(value);
    if (subject !== null) into.add(subject);
  } else if (Array.isArray(value)) for (const item of value) sealedSubjects(item, into);
  else if (value !== null && typeof value === 'object') for (const nested of Object.values(value)) sealedSubjects(nested, into);
  return into;
}

/** `value` with every sealed string opened with `keyOf(person)` (ERASED where that key is gone). */
export function openPersonalValues<T>(value: T, keyOf: (subjectId: number) => Buffer | undefined): T {
  if (typeof value === 'string') {
    const subject = sealedSubject(value);
    return (subject === null ? value : openPersonal(value, keyOf(subject))) as T;
  }
  if (Array.isArray(value)) return value.map((item) => openPersonalValues(item, keyOf)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([name, nested]) => [name, openPersonalValues(nested, keyOf)])) as T;
  }
  return value;
}
