import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../db/connection';
import { seedDatabase } from '../../db/seed/seed';
import { chromiumPath } from './browser';
import { TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databasePath: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilServing(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The app did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * Serves the built app (`next build` output) on a free loopback port, on a fresh database seeded with
 * the small organisation. The server runs in its own process group so that teardown stops next-server too.
 */
export default async function setup(project: TestProject) {
  chromiumPath(); // fail fast, with the one-line hint, when no browser is installed
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error('No production build: run `npm run build` before the browser tests.');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-e2e-'));
  const databasePath = path.join(dir, 'e2e.db');
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  seedDatabase(db.$client, { size: 'small', asOf: TEST_AS_OF, passwordHash: TEST_PASSWORD_HASH });
  db.$client.close();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: 'e2e-secret-not-for-production-use-000000',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  await waitUntilServing(`${baseUrl}/signin`, server, 30_000);
  project.provide('baseUrl', baseUrl);
  project.provide('databasePath', databasePath);

  return () => {
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
