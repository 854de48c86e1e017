/**
 * Benchmark worker: serves the production build (`next start`) on the large organisation and measures the
 * server render time of the organisation page and a team page as an officer (p50 and p95 over repeated
 * requests on loopback), and the first-load JavaScript of each page (gzip bytes of its scripts).
 */
import { gzipSync } from 'node:zlib';
import { openDatabase } from '@/db/connection';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { percentile, Session, startServer } from '../helpers/next-server';

const REQUESTS = 10;

async function timePage(session: Session, pathname: string) {
  for (let i = 0; i < 3; i += 1) await (await session.fetch(pathname)).text();
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < REQUESTS; i += 1) {
    const started = performance.now();
    const response = await session.fetch(pathname);
    html = await response.text();
    if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  let jsBytes = 0;
  for (const src of new Set(scripts)) jsBytes += gzipSync(Buffer.from(await (await session.fetch(src)).arrayBuffer())).length;
  return { p50: percentile(times, 50), p95: percentile(times, 95), firstLoadJsKb: jsBytes / 1024 };
}

async function main() {
  const file = process.argv[2]!;
  const db = openDatabase(file);
  const team = db.$client.prepare('SELECT team_id AS id, count(*) AS n FROM team_members WHERE left_at IS NULL GROUP BY team_id ORDER BY n DESC LIMIT 1').get() as { id: number; n: number };
  db.$client.close();

  const server = await startServer(file);
  try {
    const session = new Session(server.base);
    await session.signIn('officer@northbridge.example', DEMO_PASSWORD);
    const organisation = await timePage(session, '/organisation');
    const teamPage = await timePage(session, `/teams/${team.id}`);
    console.log(JSON.stringify({ organisation, team: teamPage, teamMembers: team.n, requests: REQUESTS }));
  } finally {
    server.stop();
  }
}

void main();
