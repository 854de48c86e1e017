import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
import { DashboardPage } from './pages/dashboard-page';
import { SignInPage } from './pages/sign-in-page';

const baseUrl = inject('baseUrl');
const database = new Database(inject('databasePath'), { readonly: true });
const one = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).all(...params) as T[];
/** Set DASHBOARD_SCREENSHOTS=<dir> to save desktop and phone screenshots of every page checked with axe. */
const screenshots = process.env.DASHBOARD_SCREENSHOTS;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let signIn: SignInPage;
let app: AppPage;
let dashboard: DashboardPage;

beforeAll(async () => {
  browser = await launchBrowser();
  if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
});
afterAll(async () => {
  await browser.close();
  database.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  signIn = new SignInPage(page, baseUrl);
  app = new AppPage(page, baseUrl);
  dashboard = new DashboardPage(page);
});
afterEach(async () => {
  await context.close();
});

const managerTeams = () =>
  all<{ id: number; name: string }>(
    `SELECT t.id, t.name FROM team_managers tm JOIN teams t ON t.id = tm.team_id JOIN users u ON u.id = tm.user_id
     WHERE u.email = 'manager@northbridge.example' ORDER BY t.id`,
  );

/** Opens `path`, expects no axe violations, and saves screenshots when asked. */
async function checkAccessible(path: string, name: string): Promise<void> {
  const response = await app.goto(path);
  expect(response?.status(), path).toBe(200);
  // The chart loads after the page: wait for its lines wherever its slot is shown.
  if (await page.locator('[data-chart="risk-trend"], [data-chart-loading="risk-trend"]').count()) await dashboard.linePaths();
  expect(await dashboard.axeViolations(), path).toEqual([]);
  if (!screenshots) return;
  await page.screenshot({ path: `${screenshots}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${screenshots}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('officer organisation dashboard', () => {
  it('draws the risk-over-time chart with data points', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    expect(app.pathname()).toBe('/organisation');
    const [line] = await dashboard.linePaths();
    expect(line!.split(/[LC]/).length).toBeGreaterThan(100);
    const days = one<{ n: number }>("SELECT count(*) AS n FROM org_score_snapshots WHERE day > date('now', '-365 days')").n;
    await page.getByText('Show the chart as a table').click();
    // The table is built when the details open.
    const rows = page.getByRole('table', { name: 'Risk over time as a table' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(days);
  });

  it('keeps filters in the URL and narrows the view', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    await dashboard.filter('Sector', 'law');
    await dashboard.filter('Chart lines', 'team');
    await dashboard.apply();
    const url = new URL(page.url());
    expect(url.searchParams.get('sector')).toBe('law');
    expect(url.searchParams.get('series')).toBe('team');
    const law = all<{ name: string }>("SELECT name FROM teams WHERE sector = 'law'");
    expect(await app.table('Teams matching the filters').locator('tbody tr').count()).toBe(law.length);
    expect(await dashboard.linePaths()).toHaveLength(law.length);

    const team = one<{ id: number; name: string }>("SELECT id, name FROM teams WHERE sector = 'finance' ORDER BY id LIMIT 1");
    await app.goto(`/organisation?team=${team.id}&range=90d`);
    await expect.poll(() => page.getByText(`${team.name} score`).count()).toBe(1);
    expect(await page.getByLabel('Chart range').inputValue()).toBe('90d');
  });

  it('drills down organisation → team → person → evidence, and back', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    const team = one<{ id: number; name: string }>('SELECT id, name FROM teams ORDER BY id LIMIT 1');
    await app.table('All teams').getByRole('link', { name: team.name }).click();
    await page.waitForURL(`**/teams/${team.id}`);
    const members = app.table(`Members of ${team.name}`);
    const first = members.locator('tbody tr').first().getByRole('link');
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL(/\/people\/\d+/);
    await expect.poll(() => app.heading().textContent()).toBe(name);
    expect(await page.getByRole('region', { name: `Findings in ${team.name}` }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Devices' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Attestations' }).count()).toBe(1);
    await dashboard.breadcrumb(team.name).click();
    await page.waitForURL(`**/teams/${team.id}`);
    await dashboard.breadcrumb('Organisation').click();
    await page.waitForURL('**/organisation');
  });
});

describe('scope', () => {
  it("a manager cannot reach another team's view, people or CSV", async () => {
    await signIn.signInAndWait('manager@northbridge.example', DEMO_PASSWORD);
    const mine = managerTeams().map((t) => t.id);
    const other = one<{ id: number }>(`SELECT id FROM teams WHERE id NOT IN (${mine.join(',')}) LIMIT 1`);
    const stranger = one<{ user_id: number }>(
      `SELECT user_id FROM team_members WHERE team_id = ? AND left_at IS NULL AND user_id NOT IN (SELECT user_id FROM team_members WHERE team_id IN (${mine.join(',')}))`,
      other.id,
    );
    for (const path of [`/teams/${other.id}`, `/people/${stranger.user_id}`, `/api/dashboard/teams?team=${other.id}`]) {
      expect((await app.goto(path))?.status(), path).toBe(404);
    }
    await app.goto(`/teams?team=${other.id}`);
    await expect.poll(() => page.getByText('No team matches these filters').count()).toBe(1);
  });

  it('staff cannot open a person page', async () => {
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    const self = one<{ id: number }>("SELECT id FROM users WHERE email = 'staff@northbridge.example'");
    expect((await app.goto(`/people/${self.id}`))?.status()).toBe(404);
  });
});

describe('accessibility (axe-core)', () => {
  it('sign-in page', async () => {
    await checkAccessible('/signin', 'signin');
  });

  it('officer pages', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    const team = one<{ id: number }>('SELECT id FROM teams ORDER BY id LIMIT 1');
    const person = one<{ user_id: number }>('SELECT user_id FROM team_members WHERE team_id = ? AND left_at IS NULL LIMIT 1', team.id);
    await checkAccessible('/organisation', 'organisation');
    await checkAccessible('/organisation?series=team&range=all', 'organisation-per-team');
    await checkAccessible(`/teams/${team.id}`, 'team');
    await checkAccessible(`/people/${person.user_id}`, 'person');
  });

  it('manager and staff pages', async () => {
    await signIn.signInAndWait('manager@northbridge.example', DEMO_PASSWORD);
    await checkAccessible('/teams', 'my-teams');
    await app.signOut();
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    await checkAccessible('/my', 'my');
  });
});
