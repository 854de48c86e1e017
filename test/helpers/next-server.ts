/**
 * What the browser tests and benchmark workers share: the production build served by `next start` on a free loopback port (in
 * its own process group, so that stopping it stops next-server too), a cookie-jar session signed in through
 * next-auth's credentials callback, server actions called over HTTP as the browser calls them, and percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A running `next start` on `databasePath`; `stop()` ends its process group. */
export interface BenchServer {
  base: string;
  process: ChildProcess;
  stop(): void;
}

async function waitUntilServing(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url, { redirect: 'manual' })).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The app did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * Serves the build in NEXT_DIST_DIR (or .next) on `databasePath` (on `port`, or a free one) and waits until it
 * answers. The server's errors go to this process's stderr when `showErrors` is set (the browser tests).
 */
export async function startServer(
  databasePath: string,
  env: Record<string, string> = {},
  { port, showErrors = false }: { port?: number; showErrors?: boolean } = {},
): Promise<BenchServer> {
  const base = `http://127.0.0.1:${port ?? (port = await freePort())}`;
  const server = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'ignore', showErrors ? 'inherit' : 'ignore'],
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: 'test-secret-not-for-production-use-00000',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
  });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitUntilServing(`${base}/signin`, server, 30_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { base, process: server, stop };
}

/** A cookie jar of one session: enough for next-auth's CSRF and session cookies. */
export class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  get origin(): string {
    return new URL(this.base).origin;
  }

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

  /** Signs in with e-mail and password; throws when next-auth does not set a session cookie. */
  async signIn(email: string, password: string): Promise<void> {
    const { csrfToken } = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    });
    if (![...this.cookies.keys()].some((name) => name.endsWith('next-auth.session-token'))) throw new Error(`Sign-in failed for ${email}`);
  }
}

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** The build's server-action ids by `<file>#<export>` (e.g. `lib/actions/devices.ts#registerDevice`). */
export function serverActionIds(distDir = process.env.NEXT_DIST_DIR || '.next'): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName: string; filename: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, action]) => [`${action.filename}#${action.exportedName}`, id]));
}

// React's own encoder of server-action arguments (the one Next bundles), so that requests are byte-for-byte what
// a browser sends; loaded from the working directory because tsx may compile this file without import.meta.
const { encodeReply } = createRequire(path.join(process.cwd(), 'package.json'))('next/dist/compiled/react-server-dom-turbopack/client.node') as {
  encodeReply: (args: unknown[]) => Promise<FormData | string>;
};

/**
 * Calls a `useActionState` server action `(previousState, formData)` from `pathname` as the browser does: a POST
 * with the Next-Action header and React's encoding of the arguments. `origin` defaults to the server's own.
 */
export async function callServerAction(session: Session, pathname: string, actionId: string, form: FormData, origin?: string): Promise<Response> {
  return session.fetch(pathname, {
    method: 'POST',
    headers: { 'next-action': actionId, accept: 'text/x-component', origin: origin ?? session.origin },
    body: await encodeReply([null, form]),
  });
}
