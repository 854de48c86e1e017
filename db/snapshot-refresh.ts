import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { dayKey } from '@/lib/time';
import { db } from './index';
import type { RefreshReply, RefreshRequest } from './snapshot-refresher';
import { latestSnapshotDay, markSnapshotsStale, refreshSnapshots, takeRefreshStart } from './snapshots';

/*
 * The web server recomputes the daily figures in a child process (db/snapshot-refresher.ts): scoring the
 * organisation takes from tens of milliseconds to seconds, during which every request in flight would
 * otherwise wait (under load, with attestations coming in and each dashboard view recomputing first: a
 * third of the event loop). One recomputation runs at a time; a page waits for one that covers the changes
 * made before it was asked for.
 */

/** Changes counted so far (`markScoresStale`), and how many of them the last finished recomputation covers. */
let changes = 0;
// The stale mark db/index.ts sets when it opens the database is covered by no recomputation yet.
let covered = -1;
let running: Promise<void> | null = null;

/** Marks the figures stale from `from` on (see markSnapshotsStale) and counts the change. */
export function markScoresStale(from: Date): void {
  markSnapshotsStale(db, from);
  changes += 1;
}

/** The child process ended (or never started) before answering. */
class RefresherGone extends Error {}

let refresher: ChildProcess | null = null;
let inProcessOnly = false;
let nextRequestId = 0;
const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

/** The child process, started on first use (and again if it died) on the app's database file. */
function startedRefresher(): ChildProcess {
  if (refresher?.connected) return refresher;
  // Resolved at run time from the project folder, which `next start` serves from.
  const entry = path.join(process.cwd(), 'db', 'snapshot-refresher.ts');
  // spawn with an IPC channel rather than fork: Turbopack resolves fork's path as a module and fails the build (next.js#97952).
  const child = spawn(process.execPath, ['--import', 'tsx', entry, db.$client.name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Idle, the child does not keep this process alive (command-line tools and tests that use the app's database).
  child.unref();
  child.channel?.unref();
  child.on('message', (reply: RefreshReply) => {
    const request = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) child.channel?.unref();
    if (reply.ok) request?.resolve();
    else request?.reject(new Error(`Recomputing the daily figures failed: ${reply.message}`));
  });
  const gone = (reason: string) => {
    if (refresher !== child) return;
    refresher = null;
    for (const request of pending.values()) request.reject(new RefresherGone(reason));
    pending.clear();
  };
  child.on('exit', (code) => gone(`The scoring process exited with code ${code}.`));
  // A failed start or message: without this listener the 'error' event would end the server.
  child.on('error', (error) => {
    gone(`The scoring process failed: ${error.message}`);
    child.kill();
  });
  return (refresher = child);
}

function recomputeInChild(range: { from: Date; to: Date }): Promise<void> {
  return new Promise((resolve, reject) => {
    const id = (nextRequestId += 1);
    pending.set(id, { resolve, reject });
    const child = startedRefresher();
    child.channel?.ref();
    child.send({ id, from: range.from.getTime(), to: range.to.getTime() } satisfies RefreshRequest);
  });
}

async function recomputeRange(range: { from: Date; to: Date }): Promise<void> {
  if (!inProcessOnly && !db.$client.memory) {
    try {
      return await recomputeInChild(range);
    } catch (error) {
      if (!(error instanceof RefresherGone)) throw error;
      // Started from sources at run time: without them (or tsx), or if it crashed, score here from now on.
      console.error('The scoring process failed; recomputing the daily figures in the server process from now on.', error);
      inProcessOnly = true;
    }
  }
  refreshSnapshots(db, range);
}

async function recompute(asOf: Date): Promise<void> {
  const upTo = changes;
  const start = takeRefreshStart(db, asOf);
  try {
    if (start?.from) await recomputeRange({ from: start.from, to: asOf });
  } catch (error) {
    if (start?.stale) markSnapshotsStale(db, start.stale);
    throw error;
  }
  covered = upTo;
}

/**
 * Resolves once the daily figures reflect every change made before the call and reach `asOf`'s day:
 * waits for the recomputation under way, then starts one if that was not enough. Throws when it fails.
 */
export async function ensureScoresCurrent(asOf: Date): Promise<void> {
  const wanted = changes;
  while (running) await running.catch(() => undefined);
  if (covered >= wanted && latestSnapshotDay(db) === dayKey(asOf)) return;
  running = recompute(asOf).finally(() => {
    running = null;
  });
  await running;
}
