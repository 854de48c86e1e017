/**
 * The web server's background process (started by db/background.ts): recomputes the daily figures and reads and
 * applies device imports on the database file it is given, job by job as the server asks, so that the server's
 * event loop does not. Figures are computed on every core for a large organisation. Started under tsx (the
 * server bundle does not hold these sources) with --expose-gc; exits when the server does, and an import it is
 * applying when the server is killed is rolled back, not committed for nobody.
 */
import os from 'node:os';
import { runBackgroundJob, type JobReply, type JobRequest, type RangeRefresher } from './background-jobs';
import { openDatabase } from './connection';
import { refreshSnapshotsInParallel } from './score-workers';
import { refreshSnapshots } from './snapshots';

// Requests come first: on a busy server this process takes the CPU the web server leaves (its threads started from
// here on inherit the lower priority, the scoring workers among them).
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted on this system: then it shares the CPU evenly.
}

const file = process.argv[2]!;
const db = openDatabase(file);

// The server that started this process. Killed (kill -9 included), it leaves this one to be adopted by another
// (init, or a subreaper): process.ppid, read afresh on each call, changes at once, whereas the IPC channel's
// 'disconnect' is only seen once the event loop turns, which an import's transaction holds for seconds.
const serverPid = process.ppid;
const serverGone = () => process.ppid !== serverPid;

function exitNow(): never {
  db.$client.close();
  process.exit(0);
}

/** From this many people on, the figures are computed on a worker thread per core: starting them costs more below. */
const WORKERS_FROM_PEOPLE = 5_000;

const refresh: RangeRefresher = async (database, range) => {
  const people = database.$client.prepare('SELECT count(*) FROM users').pluck().get() as number;
  if (people >= WORKERS_FROM_PEOPLE) await refreshSnapshotsInParallel(database, file, range);
  else refreshSnapshots(database, range);
};

const reply = (message: JobReply) => {
  // The server may have gone meanwhile: then 'disconnect' ends this process, and the reply is dropped.
  if (process.connected) process.send!(message, () => undefined);
};

// Jobs are done in order, one at a time.
let queue = Promise.resolve();
process.on('message', ({ id, job }: JobRequest) => {
  queue = queue.then(async () => {
    try {
      const value = await runBackgroundJob(db, job, { refresh, abandoned: serverGone });
      // An import's rows are garbage once applied: collected now, their memory is reused by the rescoring that
      // follows instead of adding to it (120,000-row import then rescoring: peak 560 → 400 MB).
      if (job.kind === 'import') global.gc?.();
      reply({ id, ok: true, value });
    } catch (error) {
      // An import abandoned by a server that is gone (rolled back): nobody is left to answer.
      if (serverGone()) exitNow();
      reply({ id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
});

process.on('disconnect', exitNow);

reply({ ready: true });
