import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { classifyAuditChain, type AuditChainHead, type AuditChainReport, type AuditCheckpoint, type AuditFinding } from '@/lib/audit/chain';

/**
 * The chain-head checkpoint kept beside a database file: the newest audit entry's id and hash when the chain last
 * verified (or was backed up). A later verify that finds the chain shorter, or a different hash at that id, reports
 * it: the only evidence left when entries are deleted from the end and SQLite's id counter is reset as well.
 */
export function auditCheckpointPath(databaseFile: string): string {
  return `${databaseFile}.audit-head.json`;
}

const checkpointSchema = z.object({
  lastId: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'),
  recordedAt: z.iso.datetime(),
});

/** A checkpoint file's state: not there (nothing to compare), read, or there but not a checkpoint. */
export type AuditCheckpointRead =
  | { status: 'absent' }
  | { status: 'read'; checkpoint: AuditCheckpoint }
  | { status: 'unreadable'; error: string };

/** Reads the checkpoint at `file`; a file that is there but not a valid checkpoint is `unreadable`, naming the problem. */
export function readAuditCheckpoint(file: string): AuditCheckpointRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' };
    return { status: 'unreadable', error: `${file} cannot be read: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'unreadable', error: `${file} is not JSON` };
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { status: 'unreadable', error: `${file} is not an audit checkpoint: ${issue.path.join('.') || 'value'}: ${issue.message}` };
  }
  return { status: 'read', checkpoint: { lastId: parsed.data.lastId, hash: parsed.data.hash, recordedAt: new Date(parsed.data.recordedAt) } };
}

/** Writes a checkpoint atomically (a temporary file beside it, flushed, then renamed over it). */
export function writeAuditCheckpoint(file: string, head: AuditChainHead, recordedAt = new Date()): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temporary, 'w', 0o644);
  try {
    fs.writeSync(fd, `${JSON.stringify({ lastId: head.lastId, hash: head.hash, recordedAt: recordedAt.toISOString() }, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/** The newest audit entry of `sqlite`, or null for an empty log. */
export function readAuditChainHead(sqlite: Database.Database): AuditChainHead | null {
  const row = sqlite.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
  return row ? { lastId: row.id, hash: row.hash } : null;
}

/** SQLite's AUTOINCREMENT counter for audit_log (the highest id ever given out), null before the first entry. */
function auditSequence(sqlite: Database.Database): number | null {
  return sqlite.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get()?.seq ?? null;
}

interface StoredRow {
  id: number;
  at: number;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

/** A stored summary as the app reads it; text that is no longer JSON is hashed as it is (and so fails to match). */
function parseSummary(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Every audit entry in id order, one at a time (better-sqlite3's iterate: constant memory however long the log). */
function* streamAuditRows(sqlite: Database.Database) {
  const rows = sqlite.prepare<[], StoredRow>('SELECT id, at, actor_id, action, target_type, target_id, summary, prev_hash, hash FROM audit_log ORDER BY id');
  for (const row of rows.iterate()) {
    yield {
      id: row.id,
      at: new Date(row.at),
      actorId: row.actor_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      summary: parseSummary(row.summary),
      prevHash: row.prev_hash,
      hash: row.hash,
    };
  }
}

/** A verification of the stored chain: the classified findings, and what became of the checkpoint. */
export interface AuditChainCheck extends AuditChainReport {
  /** The checkpoint compared against; `file` null when none applies (an in-memory database). */
  checkpoint: AuditCheckpointRead & { file: string | null };
}

export interface VerifyAuditChainOptions {
  /** The checkpoint to compare against; by default the one beside the database file; null for none. */
  checkpointFile?: string | null;
  onFinding?: (finding: AuditFinding) => void;
  maxFindings?: number;
}

/**
 * Walks the whole audit chain and classifies every problem (lib/audit/chain.ts): entries edited, inserted or
 * deleted, and entries deleted from the end (SQLite's id counter and the checkpoint beside the file both remember how
 * far the log went). Reads in one read transaction, so that a writer appending meanwhile is not mistaken for
 * tampering. `ok` is false when anything is found or the checkpoint file is there but unreadable.
 */
export function verifyAuditChain(db: { $client: Database.Database }, options: VerifyAuditChainOptions = {}): AuditChainCheck {
  const sqlite = db.$client;
  const file = options.checkpointFile !== undefined ? options.checkpointFile : sqlite.memory ? null : auditCheckpointPath(sqlite.name);
  const read: AuditCheckpointRead = file ? readAuditCheckpoint(file) : { status: 'absent' };
  const findId = sqlite.prepare<[string], { id: number }>('SELECT id FROM audit_log WHERE hash = ?');
  const walk = () =>
    classifyAuditChain(streamAuditRows(sqlite), {
      sequence: auditSequence(sqlite),
      checkpoint: read.status === 'read' ? read.checkpoint : null,
      findIdByHash: (hash) => findId.get(hash)?.id ?? null,
      onFinding: options.onFinding,
      maxFindings: options.maxFindings,
    });
  let report: AuditChainReport;
  if (sqlite.inTransaction) report = walk();
  else {
    sqlite.exec('BEGIN');
    try {
      report = walk();
    } finally {
      sqlite.exec('COMMIT');
    }
  }
  return { ...report, ok: report.ok && read.status !== 'unreadable', checkpoint: { ...read, file } };
}

/**
 * Moves the checkpoint beside a database forward to `head` (the newest entry of a copy just taken, or of the verified
 * chain), never back: a head shorter than the recorded one, or a different hash at the recorded id, is the very
 * evidence the checkpoint keeps, so it is left in place and the reason returned.
 */
export function advanceAuditCheckpoint(file: string, sqlite: Database.Database): { written: boolean; head: AuditChainHead | null; warning: string | null } {
  const head = readAuditChainHead(sqlite);
  if (!head) return { written: false, head, warning: null };
  const existing = readAuditCheckpoint(file);
  if (existing.status === 'unreadable') return { written: false, head, warning: `${existing.error}; left as it is. Run npm run audit:verify.` };
  if (existing.status === 'read') {
    const recorded = existing.checkpoint;
    if (head.lastId < recorded.lastId) {
      return { written: false, head, warning: `The audit log ends at #${head.lastId}, but ${file} recorded it up to #${recorded.lastId}: entries were deleted from its end. Run npm run audit:verify.` };
    }
    const atRecorded = sqlite.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE id = ?').get(recorded.lastId);
    if (atRecorded?.hash !== recorded.hash) {
      return { written: false, head, warning: `Audit entry #${recorded.lastId} is not the one ${file} recorded: the chain was rewritten. Run npm run audit:verify.` };
    }
  }
  writeAuditCheckpoint(file, head);
  return { written: true, head, warning: null };
}
