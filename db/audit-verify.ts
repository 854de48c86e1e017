/**
 * `npm run audit:verify`: recomputes the audit log's hash chain and reports the first entry that was edited,
 * inserted or whose predecessor was deleted. Exits 1 when the chain is broken.
 */
import { verifyAuditChain } from './audit';
import { openDatabase, resolveDatabasePath } from './connection';

const db = openDatabase(resolveDatabasePath());
const check = verifyAuditChain(db);
db.$client.close();
if (check.ok) {
  console.log(`Audit log intact: ${check.entries} entries, every hash chains to the one before.`);
} else {
  console.error(`Audit log BROKEN at entry ${check.brokenAtId} of ${check.entries}: that entry, or the one before it, was edited, inserted or deleted.`);
  process.exitCode = 1;
}
