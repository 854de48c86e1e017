import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../db/connection';
import { seedDatabase } from '../../db/seed/seed';
import { chromiumPath } from './browser';
import { TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';
import { startServer } from '../helpers/next-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databasePath: string;
  }
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

  const server = await startServer(databasePath, {}, { showErrors: true });
  project.provide('baseUrl', server.base);
  project.provide('databasePath', databasePath);

  return () => {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
