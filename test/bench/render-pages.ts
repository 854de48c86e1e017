/**
 * Benchmark worker: serves the production build (`next start`) on the large organisation and measures the
 * server render time of the organisation page and a team page as an officer (p50 and p95 over repeated
 * requests on loopback), and the first-load JavaScript of each page (gzip bytes of its scripts).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '@/db/connection';
import { DEMO_PASSWORD } from '@/db/seed/seed';

const REQUESTS = 10;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A cookie jar of one session: enough for next-auth's CSRF and session cookies. */
class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.base}${pathname}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      this.cookies.set(name!, value ?? '');
    }
    return response;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

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

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, DATABASE_PATH: file, NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'bench-secret-not-for-production-0000000', NEXT_TELEMETRY_DISABLED: '1' },
  });
  try {
    for (let i = 0; ; i += 1) {
      try {
        if ((await fetch(`${base}/signin`)).status < 500) break;
      } catch {
        if (i > 150) throw new Error('next start did not answer');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const session = new Session(base);
    const { csrfToken } = (await (await session.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    await session.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email: 'officer@northbridge.example', password: DEMO_PASSWORD, json: 'true' }).toString(),
    });
    const organisation = await timePage(session, '/organisation');
    const teamPage = await timePage(session, `/teams/${team.id}`);
    console.log(JSON.stringify({ organisation, team: teamPage, teamMembers: team.n, requests: REQUESTS }));
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

void main();
