import { desc, sql } from 'drizzle-orm';
import { GENESIS_HASH, auditEntryHash } from '@/lib/audit/hash';
import { prepareOnce } from './prepared';
import { auditLog, type AuditEntry } from './schema';
import type { AppTransaction } from './transaction';

export type { AppTransaction } from './transaction';
export { verifyAuditChain, type AuditChainCheck } from './audit-chain';

/** What an audit entry records. `summary` is a small before/after description, never a secret. */
export interface AuditEntryInput {
  /** The person who acted; null for the system (seed, migrations, scheduled jobs). */
  actorId: number | null;
  /** Dotted verb, e.g. 'policy.change', 'exception.grant'. */
  action: string;
  /** Kind of record acted on, e.g. 'policy_settings', 'exception'. */
  targetType: string;
  targetId: string | number | null;
  summary: Readonly<Record<string, unknown>>;
  /** When it happened; now by default. */
  at?: Date;
}

/** Keys that must never reach the audit log, whatever their nesting. Compared lower-case. */
const SECRET_KEYS = new Set(['password', 'passwordhash', 'secret', 'token', 'tokenhash', 'apikey', 'authorization']);

function assertNoSecrets(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, `${path}[${index}]`));
    return;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  for (const [key, nested] of Object.entries(value)) {
    if (SECRET_KEYS.has(key.toLowerCase())) throw new Error(`Audit summary must not contain secrets (${path}.${key})`);
    assertNoSecrets(nested, `${path}.${key}`);
  }
}

/**
 * Appends one entry to the hash-chained audit log and returns it.
 *
 * Must be called with the transaction of the change it records (`db.transaction((tx) => { …write…;
 * appendAuditEntry(tx, …) })`): the change and its record then commit or roll back together, and reading
 * the last hash and inserting the next cannot interleave with another writer, so the chain stays linear.
 * better-sqlite3 transactions are synchronous; open them with `{ behavior: 'immediate' }` so that the
 * write lock is taken before the last hash is read.
 *
 * hash = auditEntryHash(previous entry's hash, or GENESIS_HASH for the first, { at, actorId, action,
 * targetType, targetId, summary }). Throws when the summary holds a key that names a secret.
 */
const lastAuditHash = (tx: AppTransaction) => tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).prepare();
const insertAuditEntry = (tx: AppTransaction) =>
  tx
    .insert(auditLog)
    .values({
      at: sql.placeholder('at'),
      actorId: sql.placeholder('actorId'),
      action: sql.placeholder('action'),
      targetType: sql.placeholder('targetType'),
      targetId: sql.placeholder('targetId'),
      summary: sql.placeholder('summary'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    })
    .returning()
    .prepare();

export function appendAuditEntry(tx: AppTransaction, input: AuditEntryInput): AuditEntry {
  assertNoSecrets(input.summary, 'summary');
  const last = prepareOnce(tx, lastAuditHash).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content = {
    at: input.at ?? new Date(),
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId === null ? null : String(input.targetId),
    summary: input.summary,
  };
  const hash = auditEntryHash(prevHash, content);
  return prepareOnce(tx, insertAuditEntry).get({ ...content, prevHash, hash })!;
}
