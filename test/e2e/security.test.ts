import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { callServerAction, serverActionIds, Session, startServer } from '../helpers/next-server';
import { TEST_PASSWORD_HASH } from '../helpers/database';
import { hostileString } from '../helpers/hostile';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
import { DeviceFormPage } from './pages/device-pages';
import { SignInPage } from './pages/sign-in-page';

/**
 * Against the production build: stored markup renders as text, cross-site requests are refused, and session
 * cookies are secure when the public URL is https.
 */

const baseUrl = inject('baseUrl');
const databasePath = inject('databasePath');
const database = new Database(databasePath);
const one = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).get(...params) as T;
const screenshots = process.env.SECURITY_SCREENSHOTS;

// A probe person whose name is markup, in the demo staff member's team (which the other browser tests only read).
const HOSTILE_NAME = `Probe <script>window.__pwned = 1</script><img src=x onerror="alert('name')">`;
const HOSTILE_MODEL = `<img src=x onerror="alert('model')"><script>alert(1)</script>`;
const probeEmail = 'probe.markup@northbridge.example';
const teamId = one<{ id: number }>(
  "SELECT m.team_id AS id FROM team_members m JOIN users u ON u.id = m.user_id WHERE u.email = 'staff@northbridge.example' AND m.left_at IS NULL LIMIT 1",
).id;
const probeId = Number(
  database.prepare("INSERT INTO users (email, name, role, password_hash, active, created_at) VALUES (?, ?, 'staff', ?, 1, ?)").run(probeEmail, HOSTILE_NAME, TEST_PASSWORD_HASH, Date.now())
    .lastInsertRowid,
);
database.prepare('INSERT INTO team_members (team_id, user_id, joined_at) VALUES (?, ?, ?)').run(teamId, probeId, Date.now());
const probeDevices = () => one<{ n: number }>('SELECT count(*) AS n FROM devices WHERE owner_id = ?', probeId).n;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  // The probe leaves the team and the organisation, so that later tests count the seeded people only.
  database.prepare('UPDATE team_members SET left_at = ? WHERE user_id = ?').run(Date.now(), probeId);
  database.prepare('UPDATE users SET active = 0, deactivated_at = ? WHERE id = ?').run(Date.now(), probeId);
  database.close();
});

/** A fresh browser context recording every dialog (an alert from injected script would open one). */
async function openPage(): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { context, page, dialogs };
}

describe('stored markup renders as text', () => {
  it('a device model typed as markup is kept verbatim and shown as text to its owner', async () => {
    const { context, page, dialogs } = await openPage();
    await new SignInPage(page, baseUrl).signInAndWait(probeEmail, DEMO_PASSWORD);
    const form = new DeviceFormPage(page, baseUrl);
    await form.openNew();
    await form.fill({ kind: 'phone', ownership: 'byod', model: HOSTILE_MODEL, os: 'android', osVersion: '15', passcode: true });
    await form.submit();
    await expect.poll(() => form.status().textContent()).toContain('is registered');
    expect(one<{ model: string }>('SELECT v.model FROM device_versions v JOIN devices d ON d.id = v.device_id WHERE d.owner_id = ?', probeId).model).toBe(HOSTILE_MODEL);
    await new AppPage(page, baseUrl).goto('/my');
    await expect.poll(() => page.getByText(HOSTILE_MODEL).first().isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    if (screenshots) await page.screenshot({ path: `${screenshots}/markup-own-devices.png`, fullPage: true });
    await context.close();
  });

  it('an officer sees the markup name and model as literal text on the person page and the team page', async () => {
    const { context, page, dialogs } = await openPage();
    await new SignInPage(page, baseUrl).signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    const app = new AppPage(page, baseUrl);
    await app.goto(`/people/${probeId}`);
    expect(await app.heading().textContent()).toBe(HOSTILE_NAME);
    await expect.poll(() => page.getByText(HOSTILE_MODEL).first().isVisible()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    if (screenshots) await page.screenshot({ path: `${screenshots}/markup-person.png`, fullPage: true });
    await app.goto(`/teams/${teamId}`);
    await expect.poll(() => page.getByText(HOSTILE_NAME).first().isVisible()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });
});

describe('cross-site requests', () => {
  const actions = serverActionIds();
  const register = actions['lib/actions/devices.ts#registerDevice']!;
  const device = () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ kind: 'tablet', ownership: 'byod', model: 'Cross-site tablet', os: 'android', osVersion: '14' })) form.append(k, v);
    return form;
  };

  it('a server action posted from another origin with the session cookie is refused and writes nothing', async () => {
    const session = new Session(baseUrl);
    await session.signIn(probeEmail, DEMO_PASSWORD);
    const before = probeDevices();
    for (const origin of ['https://evil.example', 'null', `${baseUrl.replace('127.0.0.1', 'localhost')}`]) {
      const response = await callServerAction(session, '/my/devices/new', register, device(), origin);
      expect(response.status, origin).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('is registered');
    }
    expect(probeDevices()).toBe(before);
    // The very same request from the app's own origin goes through: the refusal above was the Origin check.
    const response = await callServerAction(session, '/my/devices/new', register, device());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Cross-site tablet is registered');
    expect(probeDevices()).toBe(before + 1);
  });

  it('sign-in and sign-out posted without next-auth’s CSRF token do nothing', async () => {
    const attacker = new Session(baseUrl);
    const signIn = await attacker.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ email: probeEmail, password: DEMO_PASSWORD }).toString(),
    });
    expect(signIn.headers.get('location')).toContain('csrf=true');
    expect(signIn.headers.getSetCookie().some((c) => c.includes('session-token'))).toBe(false);

    const victim = new Session(baseUrl);
    await victim.signIn(probeEmail, DEMO_PASSWORD);
    const signOut = await victim.fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: '',
    });
    expect(signOut.headers.getSetCookie().some((c) => /session-token=;/.test(c))).toBe(false);
    expect((await victim.fetch('/my')).status).toBe(200);
  });
});

// next-auth's handler needs Next's request scope, so it is fuzzed here, over HTTP, rather than beside the other
// route handlers in test/integration/hostile-routes.test.ts. Samples are seeded: the same requests on every run.
describe('next-auth with hostile input', () => {
  const hostile = (count: number, seed: number) => fc.sample(hostileString.map((s) => s.slice(0, 2000)), { numRuns: count, seed });
  // A lone surrogate cannot be percent-encoded; a browser sends U+FFFD in its place.
  const segment = (s: string) => encodeURIComponent(s.replace(/\p{Cs}/gu, '\uFFFD'));
  const path = (segments: string[], query: Record<string, string>) => `/api/auth/${segments.map(segment).join('/')}?${new URLSearchParams(query)}`;
  const signedIn = (session: Response) => session.headers.getSetCookie().some((c) => /session-token=[^;]/.test(c));

  it('GET /api/auth/[...nextauth]: hostile actions, providers and query strings are never a 500', async () => {
    const session = new Session(baseUrl);
    const actions = [...hostile(12, 1), 'session', 'csrf', 'providers', 'signin', 'error', 'callback', 'signout'];
    const values = hostile(actions.length, 2);
    for (const [i, action] of actions.entries()) {
      const value = values[i]!;
      const response = await session.fetch(path([action, value], { callbackUrl: value, error: value, [value.slice(0, 50)]: '__proto__' }));
      expect(response.status, `GET /api/auth/${action}/${value}`).toBeLessThan(500);
      await response.body?.cancel();
    }
  });

  it('POST /api/auth/[...nextauth]: hostile credentials and forms are never a 500 and never sign anyone in', async () => {
    const session = new Session(baseUrl);
    const { csrfToken } = (await (await session.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const values = hostile(12, 3);
    const post = (segments: string[], form: Record<string, string>, address: string) =>
      session.fetch(path(segments, {}), {
        method: 'POST',
        // Its own client address each, so that the failures lock no one out of the other browser tests.
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: new URLSearchParams(form).toString(),
      });
    for (const [i, value] of values.entries()) {
      // Without the CSRF token (refused before the credentials are read), and two with it (the credentials checked).
      const form = { email: value, password: value, callbackUrl: value, json: 'true', ...(i < 2 ? { csrfToken } : {}) };
      for (const segments of [['callback', 'credentials'], ['signin', value], [value, value], ['signout']]) {
        const response = await post(segments, form, `198.51.100.${i}`);
        expect(response.status, `POST /api/auth/${segments.join('/')}`).toBeLessThan(500);
        expect(signedIn(response)).toBe(false);
        await response.body?.cancel();
      }
    }
  });
});

describe('session cookies', () => {
  const cookie = (headers: Headers, name: string) => headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

  /** Signs in by hand and returns the raw Set-Cookie headers of the CSRF and sign-in responses. */
  async function signInHeaders(base: string) {
    const session = new Session(base);
    const csrf = await session.fetch('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const callback = await session.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email: probeEmail, password: DEMO_PASSWORD, json: 'true' }).toString(),
    });
    return { csrf: csrf.headers, callback: callback.headers };
  }

  it('are __Secure- / __Host- prefixed, Secure, HttpOnly and SameSite=Lax when the public URL is https, and expire with the session', async () => {
    // A second server on the same database, told that its public URL is https (TLS ends at a proxy in production).
    const server = await startServer(databasePath, { NEXTAUTH_URL: 'https://onchannel.example', NEXTAUTH_SECRET: 'e2e-https-secret-not-for-production-0000' });
    try {
      const { csrf, callback } = await signInHeaders(server.base);
      expect(cookie(csrf, '__Host-next-auth.csrf-token')).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/i);
      const session = cookie(callback, '__Secure-next-auth.session-token');
      expect(session).toMatch(/; HttpOnly; Secure; SameSite=Lax/i);
      expect(session).toMatch(/; Path=\//);
      const expires = Date.parse(/Expires=([^;]+)/i.exec(session!)![1]!);
      // SESSION_MAX_AGE_MINUTES defaults to 8 hours.
      expect(Math.abs(expires - (Date.now() + 8 * 3_600_000))).toBeLessThan(5 * 60_000);
      expect(cookie(callback, 'next-auth.session-token')).toBeUndefined();
    } finally {
      server.stop();
    }
  });

  it('are still HttpOnly and SameSite=Lax on a plain-http address (local use)', async () => {
    const { callback } = await signInHeaders(baseUrl);
    expect(cookie(callback, 'next-auth.session-token')).toMatch(/; HttpOnly; SameSite=Lax/i);
  });
});
