/**
 * The work the web server hands to its background process (db/background-process.ts) so that its event loop
 * stays free for requests, and how each job is done: there, or in the server itself when that process cannot
 * start (db/background.ts). Sent over IPC with structured clone: dates and bytes arrive as such.
 */
import fs from 'node:fs';
import type { ImportResult } from '@/lib/validation/imports';
import { importDeviceFile, type DeviceFileImport } from './commands/device-import';
import type { AppDatabase } from './connection';
import { refreshSnapshots } from './snapshots';

export type BackgroundJob =
  /** Recompute the daily figures of [from, to]. */
  | { kind: 'refresh'; from: Date; to: Date }
  /**
   * Preview or apply a device CSV for the officer `actorId`. The upload's bytes wait in `bytesPath`, a file the
   * job deletes: a message of many megabytes is slow to pass over IPC (Node joins it chunk by chunk).
   */
  | { kind: 'import'; actorId: number; file: Omit<DeviceFileImport, 'bytes'>; bytesPath: string; now: Date };

/** What each kind of job answers. */
export interface BackgroundResults {
  refresh: void;
  import: ImportResult;
}

/** From the server: job `id`. */
export interface JobRequest {
  id: number;
  job: BackgroundJob;
}

/** To the server: the process is up (sent once, before any answer), or job `id` is done or failed with `message`. */
export type JobReply = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Recomputes a range of daily figures on `db`: one thread by default; the background process may share it out. */
export type RangeRefresher = (db: AppDatabase, range: { from: Date; to: Date }) => unknown;

/**
 * Does `job` on `db`. `abandoned` (the background process's check that the server is still there) is asked
 * during an import, which is rolled back and ImportAbandoned thrown when it says yes.
 */
export async function runBackgroundJob(
  db: AppDatabase,
  job: BackgroundJob,
  { refresh = refreshSnapshots, abandoned }: { refresh?: RangeRefresher; abandoned?: () => boolean } = {},
): Promise<unknown> {
  switch (job.kind) {
    case 'refresh':
      await refresh(db, { from: job.from, to: job.to });
      return undefined;
    case 'import': {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(job.bytesPath);
      } finally {
        fs.rmSync(job.bytesPath, { force: true });
      }
      return importDeviceFile(db, { id: job.actorId }, { ...job.file, bytes }, { now: job.now, abandoned });
    }
  }
}
