import { createHash } from 'node:crypto';

/** The previous hash of the first record of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so that equal content always hashes equally.
 * Dates are written as ISO strings; undefined properties are dropped.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Hash of one record of a chain: covers the previous record's hash and this record's content. */
export function chainHash(prevHash: string, content: unknown): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}

/** What an attestation's hash covers: everything the person signed, bound to the pack version. */
export interface AttestationContent {
  userId: number;
  campaignId: number;
  packId: string;
  packVersion: string;
  answers: unknown;
  signatureName: string;
  submittedAt: Date;
  supersedesId: number | null;
}

/** Hash of an attestation record, chained to the previous record's hash. */
export function attestationHash(prevHash: string, content: AttestationContent): string {
  return chainHash(prevHash, content);
}

/** What an audit entry's hash covers. */
export interface AuditContent {
  at: Date;
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: unknown;
}

/** Hash of an audit-log entry, chained to the previous entry's hash. */
export function auditEntryHash(prevHash: string, content: AuditContent): string {
  return chainHash(prevHash, content);
}
