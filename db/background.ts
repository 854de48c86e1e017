import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { runBackgroundJob, type BackgroundJob, type BackgroundResults, type JobReply, type JobRequest } from './background-jobs';
import { db } from './index';

/*
 * The web server hands its long synchronous work (recomputing the daily figures, reading and applying device
 * imports) to a child process on the same database file (db/background-process.ts): each takes tens of
 * milliseconds to seconds, during which every request in flight would otherwise wait. The process starts on
 * first use and again after it died; if it cannot start (a deployment without the sources or tsx), or the
 * database is in memory (tests), jobs run in this process.
 */

/** The background process ended during the job: it may or may not have been done. */
export class BackgroundProcessStopped extends Error {}

interface Running {
  child: ChildProcess;
  /** True once the process said it is up; false if it ended or failed first. */
  ready: Promise<boolean>;
}

let running: Running | null = null;
let inProcessOnly = false;
let nextJobId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function startedProcess(): Running {
  if (running?.child.connected) return running;
  // Resolved at run time from the project folder, which `next start` serves from.
  const entry = path.join(process.cwd(), 'db', 'background-process.ts');
  // spawn with an IPC channel rather than fork: Turbopack resolves fork's path as a module and fails the build (next.js#97952).
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', entry, db.$client.name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  // Idle, the process does not keep this one alive (command-line tools and tests that use the app's database).
  child.unref();
  let markReady: (ok: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (markReady = resolve));
  child.on('message', (reply: JobReply) => {
    if ('ready' in reply) return markReady(true);
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) child.channel?.unref();
    if (reply.ok) job?.resolve(reply.value);
    else job?.reject(new Error(`The background job failed: ${reply.message}`));
  });
  const gone = (reason: string) => {
    markReady(false);
    if (running?.child !== child) return;
    running = null;
    for (const job of pending.values()) job.reject(new BackgroundProcessStopped(reason));
    pending.clear();
  };
  child.on('exit', (code) => gone(`The background process exited with code ${code}.`));
  // A failed start or message: without this listener the 'error' event would end the server.
  child.on('error', (error) => {
    gone(`The background process failed: ${error.message}`);
    child.kill();
  });
  return (running = { child, ready });
}

function send(child: ChildProcess, job: BackgroundJob): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const id = (nextJobId += 1);
    pending.set(id, { resolve, reject });
    child.channel?.ref();
    child.send({ id, job } satisfies JobRequest);
  });
}

/**
 * Does `job` in the background process (in order, one at a time) and resolves with its answer; rejects with
 * BackgroundProcessStopped if the process ended during the job, or with the job's error.
 */
export async function runInBackground<J extends BackgroundJob>(job: J): Promise<BackgroundResults[J['kind']]> {
  if (!inProcessOnly && !db.$client.memory) {
    const { child, ready } = startedProcess();
    if (await ready) return (await send(child, job)) as BackgroundResults[J['kind']];
    console.error('The background process could not start: recomputing figures and importing in the server process from now on.');
    inProcessOnly = true;
  }
  return (await runBackgroundJob(db, job)) as BackgroundResults[J['kind']];
}
