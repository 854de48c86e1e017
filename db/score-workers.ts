/**
 * Scoring the whole organisation on every core, for the command line (`npm run snapshot`, benchmarks) and the web
 * server's background process (db/background-process.ts): worker threads take batches of people from a shared
 * queue (a fast worker takes more), each keeps the sums of its batches, and the sums are added up here. Not
 * loaded by the web server itself, whose bundle does not ship the worker's sources.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { figuresFromSums, type DaySums } from '@/lib/scoring/day';
import { dailyFigures, type DailySums } from '@/lib/scoring/snapshots';
import { openDatabase, type AppDatabase } from './connection';
import { addDailySums, addDaySums, personBatches, loadTeamExceptionCounts, type PersonBatch } from './score-batches';
import type { ScoreWorkerReply, ScoreWorkerRequest, ScoreWorkerTask } from './score-worker';
import { snapshotRange, writeSnapshotSeries, type SnapshotRefresh } from './snapshots';

/** Workers to use: one per core, at least one. */
export function workerCount(): number {
  return Math.max(1, os.availableParallelism());
}

type Progress = (done: number, total: number) => void;

/** Worker threads to start (one per core by default) and people per batch (see PEOPLE_PER_BATCH). */
export interface PoolOptions {
  workers?: number;
  peoplePerBatch?: number;
}

const WORKER_ENTRY = path.join('db', 'score-worker.ts');
const BUNDLE_DIR = path.join('node_modules', '.cache', 'onchannel');

/**
 * The worker as one plain JavaScript file, bundled by esbuild and kept until one of its sources changes:
 * a worker then starts in about a tenth of a second, where compiling TypeScript on the fly took half of one.
 */
function workerBundle(): string {
  const bundle = path.resolve(BUNDLE_DIR, 'score-worker.cjs');
  const manifest = path.resolve(BUNDLE_DIR, 'score-worker.inputs.json');
  const unchanged = (() => {
    try {
      const inputs = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, number>;
      return fs.existsSync(bundle) && Object.entries(inputs).every(([file, mtime]) => fs.statSync(file).mtimeMs === mtime);
    } catch {
      return false;
    }
  })();
  if (unchanged) return bundle;
  const { outputFiles, metafile } = buildSync({
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // A native addon: loaded from node_modules at run time.
    external: ['better-sqlite3'],
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.fromEntries(Object.keys(metafile.inputs).map((file) => [file, fs.statSync(file).mtimeMs]));
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  // Written beside and renamed into place: another process may be starting workers from the old bundle.
  for (const [target, content] of [[bundle, outputFiles[0]!.text], [manifest, JSON.stringify(inputs)]] as const) {
    const temporary = `${target}.${process.pid}.${threadId}.tmp`;
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, target);
  }
  return bundle;
}

interface PoolResult {
  members: number;
  day?: DaySums;
  days?: DailySums;
}

/**
 * Worker threads kept from one job to the next: a worker's first batches run several times slower than the later
 * ones (its compiled code and queries warm up), so a pool started afresh for each recomputation paid that every
 * time. Idle workers do not keep the process alive; a failed job ends them all, and the next job starts afresh.
 */
const pool: Worker[] = [];
let jobs: Promise<unknown> = Promise.resolve();

function poolWorkers(count: number): Worker[] {
  const script = pool.length < count ? workerBundle() : '';
  while (pool.length < count) {
    // Plain JavaScript: the TypeScript loader the command line may run under is not needed there.
    const worker = new Worker(script, { execArgv: [] });
    worker.unref();
    // A worker that failed or ended leaves the pool (a job running on it hears of it through its own listeners).
    const leave = () => {
      const index = pool.indexOf(worker);
      if (index >= 0) pool.splice(index, 1);
    };
    worker.on('error', leave).on('exit', leave);
    pool.push(worker);
  }
  return pool.slice(0, count);
}

/** The pool's idle or busy workers, oldest first (for diagnostics and tests). */
export function scoringWorkers(): readonly Worker[] {
  return [...pool];
}

/** Asks every worker to close and exit once its current message is done (see db/score-worker.ts). */
function endPool(): void {
  for (const worker of pool.splice(0)) worker.postMessage({ type: 'close' } satisfies ScoreWorkerRequest);
}

/** Runs `task` over every batch on `count` workers of the pool; each worker's result, once the queue is empty. */
function runPool(task: ScoreWorkerTask, batches: readonly PersonBatch[], count: number, onProgress?: Progress): Promise<PoolResult[]> {
  const run = () => runJob(task, batches, count, onProgress);
  // One job at a time: a worker's sums belong to the job it was told of.
  const result = jobs.then(run, run);
  jobs = result.catch(() => undefined);
  return result;
}

function runJob(task: ScoreWorkerTask, batches: readonly PersonBatch[], count: number, onProgress?: Progress): Promise<PoolResult[]> {
  const workers = poolWorkers(Math.max(1, Math.min(count, batches.length)));
  const queue = [...batches];
  const total = batches.reduce((sum, b) => sum + b.people, 0);
  let done = 0;
  const cleanups: (() => void)[] = [];
  const results = Promise.all(
    workers.map(
      (worker, i) =>
        new Promise<PoolResult>((resolve, reject) => {
          const send = (message: ScoreWorkerRequest) => worker.postMessage(message);
          const next = () => {
            const range = queue.shift();
            send(range ? { type: 'batch', range } : { type: 'end' });
          };
          const onMessage = (message: ScoreWorkerReply) => {
            if (message.type === 'batch') {
              done += message.people;
              onProgress?.(done, total);
              next();
            } else if (message.type === 'failed') reject(new Error(`Scoring worker ${i} failed: ${message.error}`));
            else resolve(message);
          };
          const onError = (error: Error) => reject(error);
          const onExit = (code: number) => reject(new Error(`Scoring worker ${i} exited with code ${code}`));
          worker.on('message', onMessage).on('error', onError).on('exit', onExit);
          cleanups.push(() => worker.off('message', onMessage).off('error', onError).off('exit', onExit).unref());
          worker.ref();
          send({ type: 'task', task });
          next();
        }),
    ),
  );
  return results.then(
    (value) => {
      for (const cleanup of cleanups) cleanup();
      return value;
    },
    (error: unknown) => {
      for (const cleanup of cleanups) cleanup();
      endPool();
      throw error;
    },
  );
}

/** The organisation scored on `asOf` across `count` workers: the same figures as `scoreDay` on everyone. */
export async function scoreOrganisationInParallel(file: string, asOf: Date, { workers = workerCount(), peoplePerBatch }: PoolOptions = {}) {
  const db = openDatabase(file);
  const batches = personBatches(db, peoplePerBatch);
  const teamExceptions = loadTeamExceptionCounts(db, asOf);
  db.$client.close();
  const results = await runPool({ kind: 'day', file, from: asOf.getTime(), to: asOf.getTime() }, batches, workers);
  const sums = results.reduce<DaySums | undefined>((total, r) => (r.day ? addDaySums(total, r.day) : total), undefined)!;
  const people = results.reduce((sum, r) => sum + r.members, 0);
  return { people, ...figuresFromSums(sums, teamExceptions) };
}

/** `refreshSnapshots` across `count` workers reading the database file `file`; the rows are written here. */
export async function refreshSnapshotsInParallel(
  db: AppDatabase,
  file: string,
  range: { from: Date; to: Date },
  { onProgress, workers = workerCount(), peoplePerBatch }: PoolOptions & { onProgress?: Progress } = {},
): Promise<SnapshotRefresh | null> {
  const bounded = snapshotRange(db, range);
  if (!bounded) return null;
  const task: ScoreWorkerTask = { kind: 'days', file, from: bounded.from.getTime(), to: bounded.to.getTime() };
  const results = await runPool(task, personBatches(db, peoplePerBatch), workers, onProgress);
  const sums = results.reduce<DailySums | undefined>((total, r) => (r.days ? addDailySums(total, r.days) : total), undefined);
  return writeSnapshotSeries(db, dailyFigures(sums!));
}
