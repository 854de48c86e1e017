import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { ADDRESS_FREE_FAILURES } from '@/lib/auth/sign-in-throttle';
import { startServer, type BenchServer } from '../helpers/next-server';

/**
 * Against the production build, on a server of its own (the lock-out it provokes holds every loopback client): a
 * client that sends a new X-Forwarded-For with each guess is still counted by the address it connects from, and a
 * client connecting from another address (127.0.0.2: all of 127/8 is loopback) is not held up.
 */

let dir: string;
let server: BenchServer;
let staff: string[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-e2e-limits-'));
  const file = path.join(dir, 'limits.db');
  const source = new Database(inject('databasePath'));
  source.exec(`VACUUM INTO '${file}'`);
  staff = (source.prepare("SELECT email FROM users WHERE active = 1 AND role = 'staff' ORDER BY id LIMIT 8").all() as { email: string }[]).map((u) => u.email);
  source.close();
  server = await startServer(file, {}, { showErrors: true });
});

afterAll(() => {
  server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One HTTP request to the server from `localAddress`, as a client on that address would make it. */
function send(pathname: string, localAddress: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ body: string; cookies: string[] }>((resolve, reject) => {
    const request = http.request(`${server.base}${pathname}`, { method, headers, localAddress }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ body: text, cookies: (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** One password sign-in through next-auth's credentials callback: the error it answers with, or 'signed in'. */
async function signIn(email: string, password: string, forwardedFor: string, localAddress = '127.0.0.1'): Promise<string> {
  const csrf = await send('/api/auth/csrf', localAddress);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await send('/api/auth/callback/credentials', localAddress, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor, cookie: csrf.cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
  });
  const { url } = JSON.parse(response.body) as { url: string };
  const error = new URL(url).searchParams.get('error');
  if (error) return error;
  return response.cookies.some((c) => c.includes('next-auth.session-token=')) ? 'signed in' : 'no session';
}

describe('sign-in limits on the built server', () => {
  it('hold a client that rotates X-Forwarded-For at the limit of the address it connects from', async () => {
    expect(await signIn('officer@northbridge.example', DEMO_PASSWORD, '10.255.0.1')).toBe('signed in');
    for (let i = 0; i <= ADDRESS_FREE_FAILURES; i += 1) {
      expect(await signIn(staff[i % staff.length]!, 'not-the-password', `10.0.${i}.1`)).toBe('CredentialsSignin');
    }
    expect(await signIn('officer@northbridge.example', DEMO_PASSWORD, '10.99.0.1')).toBe('TooManyAttempts');
    // Told apart by the socket's address, not lumped together as unknown.
    expect(await signIn('officer@northbridge.example', DEMO_PASSWORD, '10.99.0.1', '127.0.0.2')).toBe('signed in');
  });
});
