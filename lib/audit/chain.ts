import { GENESIS_HASH, auditEntryHash, type AuditContent } from './hash';

/** What a problem found in the audit chain is taken to be. */
export const AUDIT_FINDING_KINDS = ['edited', 'inserted', 'deleted', 'tail-deleted'] as const;
export type AuditFindingKind = (typeof AUDIT_FINDING_KINDS)[number];

/**
 * One problem in the chain. `id` is the entry concerned, or the first of a range of ids up to `toId`
 * (deleted entries are ids that are no longer there).
 */
export interface AuditFinding {
  kind: AuditFindingKind;
  id: number;
  toId?: number;
  explanation: string;
}

/** One stored audit entry as the verifier reads it: its content, its link (`prevHash`) and its own hash. */
export interface AuditChainRow extends AuditContent {
  id: number;
  prevHash: string;
  hash: string;
}

/** The newest entry of a chain: its id and hash. */
export interface AuditChainHead {
  lastId: number;
  hash: string;
}

/** A head recorded earlier (by `npm run audit:verify` or `npm run backup`), with when it was recorded. */
export interface AuditCheckpoint extends AuditChainHead {
  recordedAt: Date;
}

/** What the verifier knows besides the rows themselves. */
export interface AuditChainContext {
  /** SQLite's AUTOINCREMENT counter for the log (sqlite_sequence): the highest id ever given out; null if unknown. */
  sequence?: number | null;
  /** The head recorded earlier: the chain must still reach it, with the same hash. */
  checkpoint?: AuditCheckpoint | null;
  /** Id of the entry holding `hash`, or null: traces a broken link to the entry it points to. */
  findIdByHash?: (hash: string) => number | null;
  /** Called with every finding as soon as it is certain, in id order: lets a caller report all without keeping all. */
  onFinding?: (finding: AuditFinding) => void;
  /** How many findings the report keeps (every one is counted and passed to `onFinding`); 1,000 by default. */
  maxFindings?: number;
}

/** The outcome of walking a chain. `ok` when nothing was found. */
export interface AuditChainReport {
  ok: boolean;
  /** Entries read. */
  entries: number;
  /** The newest entry read; null for an empty log. */
  head: AuditChainHead | null;
  /** The first `maxFindings` findings, in id order. */
  findings: AuditFinding[];
  /** Every finding, counted by kind. */
  counts: Record<AuditFindingKind, number>;
  findingCount: number;
}

/** Findings kept in a report by default: enough to read, small enough for constant memory on a ruined log. */
export const DEFAULT_MAX_FINDINGS = 1_000;

/** "#5" or "#5–#7". */
export function formatIdRange(id: number, toId?: number): string {
  return toId === undefined || toId === id ? `#${id}` : `#${id}–#${toId}`;
}

const entriesWord = (id: number, toId: number) => (id === toId ? `Entry #${id} is` : `Entries ${formatIdRange(id, toId)} are`);

/** The hash a row should carry given its stored link, or null when its content cannot even be hashed (e.g. a bad date). */
function contentHash(row: AuditChainRow, prevHash: string): string | null {
  try {
    const { at, actorId, action, targetType, targetId, summary } = row;
    return auditEntryHash(prevHash, { at, actorId, action, targetType, targetId, summary });
  } catch {
    return null;
  }
}

interface Seen {
  id: number;
  hash: string;
  /** The hash its content and link give: differs from `hash` when the entry was edited. */
  expected: string | null;
}

/**
 * Walks an audit chain in id order, once, keeping only the last two entries (constant memory however long the log),
 * and classifies every problem:
 * - **edited**: an entry's stored hash does not match its content (changed in place; the next entry still links
 *   to the stored hash), or the next entry links to a hash no entry has while ids run on without a gap (the entry was
 *   rewritten and re-hashed), or its hash differs from the checkpoint's;
 * - **inserted**: the entry after it links past it, to its predecessor (or further back), or an entry links forward;
 * - **deleted**: ids missing between two entries (the link across the gap points to a hash no entry has, or was redone);
 * - **tail-deleted**: the log ends before the highest id SQLite has given out, or before the checkpoint's entry.
 * A clean chain starts at id 1 linked to GENESIS_HASH and has consecutive ids, each linked to the one before.
 */
export function classifyAuditChain(rows: Iterable<AuditChainRow>, context: AuditChainContext = {}): AuditChainReport {
  const maxFindings = context.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const findings: AuditFinding[] = [];
  const counts: Record<AuditFindingKind, number> = { edited: 0, inserted: 0, deleted: 0, 'tail-deleted': 0 };
  const emit = (found: AuditFinding) => {
    const finding = found.toId === found.id ? { kind: found.kind, id: found.id, explanation: found.explanation } : found;
    counts[finding.kind] += 1;
    if (findings.length < maxFindings) findings.push(finding);
    context.onFinding?.(finding);
  };

  let before: Seen | null = null; // the entry before `previous`
  let previous: Seen | null = null;
  // Findings about `previous`, held until the next entry shows whether `previous` was inserted (which explains them).
  let pending: AuditFinding[] = [];
  let entries = 0;
  const checkpoint = context.checkpoint ?? null;

  for (const row of rows) {
    entries += 1;
    const expected = contentHash(row, row.prevHash);
    const intact = expected === row.hash;
    const predecessorId = previous?.id ?? 0;
    const predecessorHash = previous?.hash ?? GENESIS_HASH;
    const missing = row.id - predecessorId - 1;
    const later: AuditFinding[] = []; // findings about ids after `previous`, emitted once `pending` is out
    const own: AuditFinding[] = [];

    if (!intact) {
      const relinked = contentHash(row, predecessorHash) === row.hash;
      own.push({
        kind: 'edited',
        id: row.id,
        explanation: relinked
          ? `Entry #${row.id}'s link to the entry before it was changed: its hash matches its content only with the original link.`
          : `Entry #${row.id}'s content does not match its hash: it was changed after it was written.`,
      });
    }

    if (row.prevHash === predecessorHash) {
      if (missing > 0) {
        later.push({
          kind: 'deleted',
          id: predecessorId + 1,
          toId: row.id - 1,
          explanation: `${entriesWord(predecessorId + 1, row.id - 1)} missing, although #${row.id} links to ${previous ? `#${predecessorId}` : 'the start of the chain'}: deleted, and #${row.id} re-linked across the gap.`,
        });
      }
    } else if (previous && missing === 0 && row.prevHash === (before?.hash ?? GENESIS_HASH)) {
      // The entry links past its predecessor to the one before: the predecessor was slipped in between.
      pending = [
        {
          kind: 'inserted',
          id: previous.id,
          explanation: `Entry #${previous.id} was inserted: #${row.id} links past it, to ${before ? `#${before.id}` : 'the start of the chain'}.`,
        },
      ];
    } else if (previous && previous.expected !== previous.hash && row.prevHash === previous.expected) {
      // Only the predecessor's stored hash was changed; the link still matches its content, already reported as edited.
    } else if (intact) {
      const target = row.prevHash === GENESIS_HASH ? 0 : (context.findIdByHash?.(row.prevHash) ?? (before && row.prevHash === before.hash ? before.id : null));
      if (target !== null && target < predecessorId) {
        pending = [];
        later.push({
          kind: 'inserted',
          id: target + 1,
          toId: predecessorId,
          explanation: `${entriesWord(target + 1, predecessorId)} inserted: #${row.id} links past ${target + 1 === predecessorId ? 'it' : 'them'}, to ${target === 0 ? 'the start of the chain' : `#${target}`}.`,
        });
      } else if (target !== null) {
        own.push({ kind: 'inserted', id: row.id, explanation: `Entry #${row.id} links to a later entry, #${target}: entries were moved out of order.` });
      } else if (missing > 0) {
        later.push({
          kind: 'deleted',
          id: predecessorId + 1,
          toId: row.id - 1,
          explanation: `${entriesWord(predecessorId + 1, row.id - 1)} missing: #${row.id} links to a hash no entry has.`,
        });
      } else if (previous) {
        // Held with this entry's findings: if the next entry links past this one, this one was inserted instead.
        const { id } = previous;
        if (!pending.some((f) => f.kind === 'edited' && f.id === id)) {
          own.push({
            kind: 'edited',
            id,
            explanation: `Entry #${row.id} links to a hash no entry has, though ids run on from #${id}: #${id} was rewritten and re-hashed (or entries after it were deleted and the later ids renumbered).`,
          });
        }
      } else {
        own.push({ kind: 'edited', id: row.id, explanation: `The first entry, #${row.id}, links to a hash no entry has instead of the start of the chain: its link was rewritten, or entries before it were deleted and the ids renumbered.` });
      }
    } else if (missing > 0) {
      later.push({ kind: 'deleted', id: predecessorId + 1, toId: row.id - 1, explanation: `${entriesWord(predecessorId + 1, row.id - 1)} missing.` });
    }

    if (checkpoint && row.id === checkpoint.lastId && row.hash !== checkpoint.hash && !own.some((f) => f.id === row.id)) {
      own.push({
        kind: 'edited',
        id: row.id,
        explanation: `Entry #${row.id}'s hash is not the one the checkpoint of ${checkpoint.recordedAt.toISOString()} recorded: the chain up to it was rewritten and re-hashed.`,
      });
    }

    pending.forEach(emit);
    later.forEach(emit);
    pending = own;
    before = previous;
    previous = { id: row.id, hash: row.hash, expected };
  }
  pending.forEach(emit);

  const lastId = previous?.id ?? 0;
  const evidence: string[] = [];
  let tailTo = lastId;
  if (context.sequence !== undefined && context.sequence !== null && context.sequence > lastId) {
    evidence.push(`SQLite has given out ids up to #${context.sequence}`);
    tailTo = Math.max(tailTo, context.sequence);
  }
  if (checkpoint && checkpoint.lastId > lastId) {
    evidence.push(`the checkpoint of ${checkpoint.recordedAt.toISOString()} recorded the chain up to #${checkpoint.lastId}`);
    tailTo = Math.max(tailTo, checkpoint.lastId);
  }
  if (tailTo > lastId) {
    emit({
      kind: 'tail-deleted',
      id: lastId + 1,
      toId: tailTo,
      explanation: `${entriesWord(lastId + 1, tailTo)} gone from the end of the log: it ends at ${lastId === 0 ? 'nothing' : `#${lastId}`}, but ${evidence.join(' and ')}.`,
    });
  }

  const findingCount = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { ok: findingCount === 0, entries, head: previous ? { lastId: previous.id, hash: previous.hash } : null, findings, counts, findingCount };
}

/** "2 problems: 1 edited, 1 deleted" — the kinds found, in a fixed order. */
export function summariseAuditFindings(report: Pick<AuditChainReport, 'counts' | 'findingCount'>): string {
  const parts = AUDIT_FINDING_KINDS.filter((kind) => report.counts[kind] > 0).map((kind) => `${report.counts[kind]} ${kind}`);
  return `${report.findingCount} ${report.findingCount === 1 ? 'problem' : 'problems'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
