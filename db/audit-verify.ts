/**
 * `npm run audit:verify [-- --checkpoint FILE]`: walks the whole audit log's hash chain and prints every entry that was
 * edited, inserted or deleted, and entries deleted from the end, one line each, then a summary. Exits 1 when anything
 * is found. When the chain is intact, records its head in the checkpoint (by default `<database>.audit-head.json`;
 * keep a copy elsewhere and pass it with --checkpoint to compare against one an intruder could not reach).
 */
import { parseArgs } from 'node:util';
import { formatIdRange, summariseAuditFindings, type AuditFinding } from '@/lib/audit/chain';
import { auditCheckpointPath, verifyAuditChain, writeAuditCheckpoint } from './audit-chain';
import { openDatabase, resolveDatabasePath } from './connection';

/** One finding as a line: id or range, kind, explanation, in columns. */
export function formatFindingLine(finding: AuditFinding): string {
  return `${formatIdRange(finding.id, finding.toId).padEnd(16)} ${finding.kind.padEnd(13)} ${finding.explanation}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { checkpoint: { type: 'string' } } });
  const file = resolveDatabasePath();
  const checkpointFile = values.checkpoint ?? auditCheckpointPath(file);
  const db = openDatabase(file);
  try {
    const started = performance.now();
    const check = verifyAuditChain(db, { checkpointFile, onFinding: (finding) => console.error(formatFindingLine(finding)), maxFindings: 0 });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const checked = `${check.entries.toLocaleString('en-GB')} entries checked in ${seconds} s`;
    if (check.checkpoint.status === 'unreadable') console.error(`Checkpoint unusable: ${check.checkpoint.error}`);
    if (check.ok) {
      const compared = check.checkpoint.status === 'read' ? ` and reaches the checkpoint's entry #${check.checkpoint.checkpoint.lastId}` : '';
      console.log(`Audit log intact: ${checked}; every hash chains to the one before${compared}.`);
      if (check.head) {
        writeAuditCheckpoint(checkpointFile, check.head);
        console.log(`Checkpoint: entry #${check.head.lastId} recorded in ${checkpointFile}.`);
      }
    } else {
      const problems = check.findingCount > 0 ? summariseAuditFindings(check) : 'the checkpoint could not be compared';
      console.error(`Audit log BROKEN: ${problems} (${checked}). The checkpoint was left as it was.`);
      process.exitCode = 1;
    }
  } finally {
    db.$client.close();
  }
}
