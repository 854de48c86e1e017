import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@/db/connection';
import { scorePerson } from '@/db/queries/scores';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
import { SignInPage } from './pages/sign-in-page';

const baseUrl = inject('baseUrl');
const database = new Database(inject('databasePath'), { readonly: true });
const appDatabase = openDatabase(inject('databasePath'));
const one = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).all(...params) as T[];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let signIn: SignInPage;
let app: AppPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  database.close();
  appDatabase.$client.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  signIn = new SignInPage(page, baseUrl);
  app = new AppPage(page, baseUrl);
});
afterEach(async () => {
  await context.close();
});

describe('signed out', () => {
  it('is sent to sign in from every role home', async () => {
    for (const path of ['/', '/my', '/teams', '/organisation', '/settings']) {
      await app.goto(path);
      expect(app.pathname(), path).toBe('/signin');
    }
  });

  it('is told when the password is wrong, and stays signed out', async () => {
    await signIn.signIn('staff@northbridge.example', 'not-the-password');
    await expect.poll(() => signIn.errorMessage().textContent()).toContain('do not match');
    await app.goto('/my');
    expect(app.pathname()).toBe('/signin');
  });
});

describe('staff', () => {
  it('lands on My compliance and sees their own devices and attestations', async () => {
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    expect(app.pathname()).toBe('/my');
    await expect.poll(() => app.heading().textContent()).toBe('My compliance');

    const staff = one<{ id: number }>("SELECT id FROM users WHERE email = 'staff@northbridge.example'");
    const models = all<{ model: string }>(
      `SELECT v.model FROM devices d JOIN device_versions v ON v.device_id = d.id AND v.valid_to IS NULL
       WHERE d.owner_id = ? AND d.retired_at IS NULL`,
      staff.id,
    );
    const devicesText = await app.table('My devices').textContent();
    for (const { model } of models) expect(devicesText).toContain(model);
    const rows = await app.table('My devices').locator('tbody tr').count();
    expect(rows).toBe(models.length);

    const attestations = one<{ n: number }>('SELECT count(*) AS n FROM attestations WHERE user_id = ?', staff.id);
    expect(await app.table('My attestations').locator('tbody tr').count()).toBe(attestations.n);
    expect((await app.navigationLinks().allTextContents()).map((t) => t.trim())).toEqual(['My compliance']);
  });

  it('sees their score and each finding with the steps to fix it', async () => {
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    const staff = one<{ id: number }>("SELECT id FROM users WHERE email = 'staff@northbridge.example'");
    const [standing] = scorePerson(appDatabase, { userId: staff.id, asOf: new Date() });
    await expect.poll(() => page.getByText('My score').locator('..').textContent()).toContain(standing!.personScore.score.toFixed(1));
    const findings = page.getByRole('region', { name: 'My findings' });
    for (const ruleId of standing!.personScore.failedRuleIds) await expect.poll(() => findings.textContent()).toContain(`${ruleId} ·`);
    if (standing!.personScore.failedRuleIds.length > 0) expect(await findings.getByText('How to fix it').count()).toBe(standing!.personScore.failedRuleIds.length);
  });

  it('is refused officer, manager and admin pages, and another team', async () => {
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    for (const path of ['/organisation', '/teams', '/teams/1', '/settings']) {
      const response = await app.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect.poll(() => app.heading().textContent()).toBe('Page not found');
    }
  });

  it('signs out', async () => {
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    await app.signOut();
    await app.goto('/my');
    expect(app.pathname()).toBe('/signin');
  });
});

describe('manager', () => {
  it('lands on My teams and sees the members of a team they manage', async () => {
    await signIn.signInAndWait('manager@northbridge.example', DEMO_PASSWORD);
    expect(app.pathname()).toBe('/teams');
    const managed = all<{ id: number; name: string; members: number }>(
      `SELECT t.id, t.name, (SELECT count(*) FROM team_members m JOIN users u ON u.id = m.user_id
         WHERE m.team_id = t.id AND m.left_at IS NULL AND u.active = 1) AS members
       FROM team_managers tm JOIN teams t ON t.id = tm.team_id JOIN users u ON u.id = tm.user_id
       WHERE u.email = 'manager@northbridge.example' ORDER BY t.id`,
    );
    expect(managed.length).toBeGreaterThan(0);
    const table = await app.table('Teams you manage').textContent();
    for (const team of managed) expect(table).toContain(team.name);

    await app.table('Teams you manage').getByRole('link', { name: managed[0]!.name }).click();
    await page.waitForURL(`**/teams/${managed[0]!.id}`);
    expect(await app.table(`Members of ${managed[0]!.name}`).locator('tbody tr').count()).toBe(managed[0]!.members);
  });

  it("cannot open another team's page or the organisation", async () => {
    await signIn.signInAndWait('manager@northbridge.example', DEMO_PASSWORD);
    const other = one<{ id: number }>(
      `SELECT id FROM teams WHERE id NOT IN (SELECT team_id FROM team_managers tm JOIN users u ON u.id = tm.user_id
       WHERE u.email = 'manager@northbridge.example') LIMIT 1`,
    );
    for (const path of [`/teams/${other.id}`, '/organisation', '/settings']) {
      expect((await app.goto(path))?.status(), path).toBe(404);
    }
  });
});

describe('officer', () => {
  it('lands on Organisation and sees every team with its counts', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    expect(app.pathname()).toBe('/organisation');
    const teams = all<{ name: string }>('SELECT name FROM teams');
    const table = app.table('All teams');
    expect(await table.locator('tbody tr').count()).toBe(teams.length);
    const devices = one<{ n: number }>(
      `SELECT count(*) AS n FROM devices d WHERE d.retired_at IS NULL
       AND EXISTS (SELECT 1 FROM team_members m WHERE m.user_id = d.owner_id AND m.left_at IS NULL)`,
    );
    await expect.poll(() => page.getByText('Devices in service').locator('..').textContent()).toContain(String(devices.n));
    const organisation = one<{ score: number; band: string }>('SELECT score, band FROM org_score_snapshots ORDER BY day DESC LIMIT 1');
    await expect.poll(() => page.getByText('Organisation score').locator('..').textContent()).toContain(organisation.score.toFixed(1));
  });

  it('is refused the admin settings', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    expect((await app.goto('/settings'))?.status()).toBe(404);
  });
});

describe('admin', () => {
  it('lands on Settings with the organisation, people and teams', async () => {
    await signIn.signInAndWait('admin@northbridge.example', DEMO_PASSWORD);
    expect(app.pathname()).toBe('/settings');
    const organisation = one<{ name: string }>('SELECT name FROM organisation');
    await expect.poll(() => page.getByRole('region', { name: 'Organisation' }).getByLabel('Organisation name').inputValue()).toBe(organisation.name);
    const officers = all<{ email: string }>("SELECT email FROM users WHERE role IN ('officer', 'admin')");
    const table = await app.table('Officers and administrators').textContent();
    for (const { email } of officers) expect(table).toContain(email);
    expect((await app.goto('/organisation'))?.status()).toBe(404);
  });
});

describe('every response', () => {
  it('carries the security headers', async () => {
    const response = await fetch(`${baseUrl}/signin`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('runs only scripts carrying a nonce fresh to each response', async () => {
    const nonces: string[] = [];
    for (const pathname of ['/signin', '/signin', '/no-such-page']) {
      const response = await fetch(`${baseUrl}${pathname}`);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce, pathname).toBeTruthy();
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
    }
    expect(new Set(nonces).size).toBe(3);
    const scriptSource = (await fetch(`${baseUrl}/signin`)).headers.get('content-security-policy')?.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSource).not.toContain('unsafe-inline');
  });
});

describe('the privacy page', () => {
  it('tells every role what is recorded about them, from the footer of any page', async () => {
    for (const email of ['staff@northbridge.example', 'admin@northbridge.example']) {
      const context = await browser.newContext();
      const p = await context.newPage();
      await new SignInPage(p, baseUrl).signInAndWait(email, DEMO_PASSWORD);
      await p.getByRole('link', { name: /Your data/ }).click();
      await p.waitForURL('**/privacy');
      await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Your data');
      expect(await p.getByRole('table', { name: 'What is recorded' }).locator('tbody tr').count()).toBeGreaterThan(3);
      // The organisation's retention period, and that it reaches into the signed records as well.
      const kept = await p.getByText(/When you leave/).textContent();
      expect(kept).toMatch(/^When you leave, your account is closed\. 7 years later /);
      expect(kept).toContain('typed signature and the address and browser you signed from erased from them as well');
      await context.close();
    }
  });
});
