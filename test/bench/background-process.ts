/** The web server's background process (db/background-process.ts) started on a benchmark's database, as the server starts it. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BackgroundJob, JobReply } from '@/db/background-jobs';

export function startBackgroundProcess(database: string) {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('db', 'background-process.ts'), database], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const answers = new Map<number, (reply: JobReply) => void>();
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.on('message', (reply: JobReply) => ('ready' in reply ? markReady() : answers.get(reply.id)?.(reply)));
  let id = 0;
  return {
    /** Resolves once the process is up. */
    ready,
    /** Does `job` there and resolves with its answer. */
    async run(job: BackgroundJob): Promise<unknown> {
      await ready;
      const reply = await new Promise<JobReply>((resolve) => {
        answers.set((id += 1), resolve);
        child.send({ id, job });
      });
      if ('ok' in reply && !reply.ok) throw new Error(reply.message);
      return 'value' in reply ? reply.value : undefined;
    },
    /** Peak resident memory so far, in MB (from /proc): the process and its worker threads. */
    peakMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024,
    stop: () => child.disconnect(),
  };
}
