import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { migrateDatabase, openDatabase, type AppDatabase } from '@/db/connection';
import { openPersonalData } from '@/db/personal-keys';
import { seedDatabase } from '@/db/seed/seed';
import { TEST_AS_OF, TEST_PASSWORD_HASH } from '../helpers/database';
import { launchBrowser } from './browser';
import { freePort, startServer, type BenchServer } from '../helpers/next-server';
import { SSO_CLIENT, startIdentityProvider, type TestIdentity } from './identity-provider';
import { IdentityProviderPage } from './pages/identity-provider-page';
import { SignInPage } from './pages/sign-in-page';

// The shared server has no SSO configured; this file runs its own app, configured for a real OIDC provider on loopback.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-sso-'));
const databasePath = path.join(dir, 'sso.db');
let db: AppDatabase;
let app: BenchServer;
let idp: { issuer: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;

const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const identities: TestIdentity[] = [
  { login: 'sam', email: 'Staff@Northbridge.example', emailVerified: true, name: 'Sam Thompson' },
  { login: 'stranger', email: 'stranger@elsewhere.example', emailVerified: true, name: 'A Stranger' },
  { login: 'unverified', email: '', emailVerified: false, name: 'Not Verified' },
];

beforeAll(async () => {
  db = openDatabase(databasePath);
  migrateDatabase(db);
  seedDatabase(db.$client, { size: 'small', asOf: TEST_AS_OF, passwordHash: TEST_PASSWORD_HASH });
  identities[2]!.email = one<{ email: string }>("SELECT email FROM users WHERE role = 'staff' AND active = 1 AND email <> 'staff@northbridge.example' ORDER BY id LIMIT 1").email;
  const appPort = await freePort();
  let idpPort = await freePort();
  while (idpPort === appPort) idpPort = await freePort();
  idp = await startIdentityProvider({ port: idpPort, appUrl: `http://127.0.0.1:${appPort}`, identities });
  app = await startServer(
    databasePath,
    { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: SSO_CLIENT.id, OIDC_CLIENT_SECRET: SSO_CLIENT.secret, OIDC_NAME: 'Northbridge ID' },
    { port: appPort, showErrors: true },
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await idp?.close();
  db?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
});
afterEach(async () => {
  await page.context().close();
});

async function signInWithSso(login: string): Promise<void> {
  const signIn = new SignInPage(page, app.base);
  await signIn.open();
  await signIn.ssoButton().click();
  await page.waitForURL((url) => url.origin === idp.issuer, { timeout: 15_000 });
  await new IdentityProviderPage(page).signIn(login, app.base);
}

const lastAudit = () => one<{ action: string; summary: string }>('SELECT action, summary FROM audit_log ORDER BY id DESC LIMIT 1');

describe('single sign-on with OpenID Connect', () => {
  it('shows the SSO button only where an issuer is configured', async () => {
    const signIn = new SignInPage(page, app.base);
    await signIn.open();
    await expect(signIn.ssoButton().textContent()).resolves.toBe('Sign in with Northbridge ID');
    const plain = new SignInPage(page, inject('baseUrl'));
    await plain.open();
    expect(await plain.ssoButton().count()).toBe(0);
  });

  it('signs a known staff member in by verified e-mail, links their subject and lands on My compliance', async () => {
    await signInWithSso('sam');
    await page.waitForURL((url) => url.pathname === '/my', { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/My compliance/);
    expect(one<{ sso_subject: string }>("SELECT sso_subject FROM users WHERE email = 'staff@northbridge.example'").sso_subject).toBe('sam');
    expect(lastAudit().action).toBe('auth.sign_in');
    expect(openPersonalData(db, JSON.parse(lastAudit().summary))).toMatchObject({ method: 'sso', email: 'staff@northbridge.example', subject: 'sam' });
    expect(lastAudit().summary).not.toContain('staff@northbridge.example');
    await page.screenshot({ path: path.join(os.tmpdir(), 'onchannel-sso-signed-in.png') });
  });

  it('refuses an e-mail with no account, creates nobody, and says why', async () => {
    const users = one<{ n: number }>('SELECT count(*) AS n FROM users').n;
    await signInWithSso('stranger');
    const signIn = new SignInPage(page, app.base);
    await signIn.refusal().waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/signin');
    await expect(signIn.refusal().textContent()).resolves.toMatch(/no Onchannel account for the e-mail address/);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM users').n).toBe(users);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM users WHERE email = 'stranger@elsewhere.example'").n).toBe(0);
    expect(JSON.parse(lastAudit().summary)).toMatchObject({ method: 'sso', reason: 'SsoNoAccount', email: 'stranger@elsewhere.example' });
    await page.screenshot({ path: path.join(os.tmpdir(), 'onchannel-sso-refused.png') });
    // Still signed out.
    await page.goto(`${app.base}/my`);
    expect(new URL(page.url()).pathname).toBe('/signin');
  });

  it('refuses an unverified e-mail even when it matches an account', async () => {
    await signInWithSso('unverified');
    const signIn = new SignInPage(page, app.base);
    await signIn.refusal().waitFor({ timeout: 15_000 });
    await expect(signIn.refusal().textContent()).resolves.toMatch(/has not verified your e-mail address/);
    expect(one<{ sso_subject: string | null }>('SELECT sso_subject FROM users WHERE email = ?', identities[2]!.email).sso_subject).toBeNull();
    expect(lastAudit().action).toBe('auth.sign_in_refused');
  });
});
