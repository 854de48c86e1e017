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

/** Runs `task` over every batch on `count` workers; each worker's result, once the queue is empty. */
function runPool(task: ScoreWorkerTask, batches: readonly PersonBatch[], count: number, onProgress?: Progress): Promise<PoolResult[]> {
  const script = workerBundle();
  const queue = [...batches];
  const total = batches.reduce((sum, b) => sum + b.people, 0);
  let done = 0;
  const workers = Array.from(
    { length: Math.max(1, Math.min(count, batches.length)) },
    () =>
      new Worker(script, {
        workerData: task,
        // Plain JavaScript: the TypeScript loader the command line may run under is not needed there.
        execArgv: [],
      }),
  );
  return Promise.all(
    workers.map(
      (worker, i) =>
        new Promise<PoolResult>((resolve, reject) => {
          const next = () => worker.postMessage({ range: queue.shift() ?? null } satisfies ScoreWorkerRequest);
          worker.on('message', (message: ScoreWorkerReply) => {
            if (message.type === 'batch') {
              done += message.people;
              onProgress?.(done, total);
              next();
            } else resolve(message);
          });
          worker.on('error', (error) => {
            for (const other of workers) void other.terminate();
            reject(error);
          });
          worker.on('exit', (code) => code !== 0 && reject(new Error(`Scoring worker ${i} exited with code ${code}`)));
          next();
        }),
    ),
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
