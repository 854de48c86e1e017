/**
 * Child process of db/snapshot-refresh.ts: recomputes the daily figures of the database file it is given,
 * range by range as the web server asks, so that the server's event loop does not; on every core when the
 * organisation has more than one batch of people. Started under tsx (the
 * server bundle does not hold these sources); exits when the server does.
 */
import { openDatabase } from './connection';
import { PEOPLE_PER_BATCH } from './score-batches';
import { refreshSnapshotsInParallel } from './score-workers';
import { refreshSnapshots } from './snapshots';

/** From the server: recompute [from, to] (epoch milliseconds). */
export interface RefreshRequest {
  id: number;
  from: number;
  to: number;
}

/** To the server: request `id` is done, or failed with `message`. */
export type RefreshReply = { id: number; ok: true } | { id: number; ok: false; message: string };

const file = process.argv[2]!;
const db = openDatabase(file);

/** One batch of people is scored here; more are shared out to a worker thread per core. */
async function recompute(range: { from: Date; to: Date }): Promise<void> {
  const people = db.$client.prepare('SELECT count(*) FROM users').pluck().get() as number;
  if (people > PEOPLE_PER_BATCH) await refreshSnapshotsInParallel(db, file, range);
  else refreshSnapshots(db, range);
}

// Requests are answered in order, one recomputation at a time.
let queue = Promise.resolve();
process.on('message', ({ id, from, to }: RefreshRequest) => {
  queue = queue.then(async () => {
    let reply: RefreshReply;
    try {
      await recompute({ from: new Date(from), to: new Date(to) });
      reply = { id, ok: true };
    } catch (error) {
      reply = { id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    // The server may have gone meanwhile: then 'disconnect' ends this process, and the reply is dropped.
    if (process.connected) process.send!(reply, () => undefined);
  });
});

process.on('disconnect', () => {
  db.$client.close();
  process.exit(0);
});
