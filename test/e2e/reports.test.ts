import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { pdfToText } from '../helpers/pdf';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
import { DashboardPage } from './pages/dashboard-page';
import { QuarterlyReportForm } from './pages/report-form';
import { SignInPage } from './pages/sign-in-page';

const baseUrl = inject('baseUrl');
const database = new Database(inject('databasePath'), { readonly: true });
const all = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).all(...params) as T[];
/** Set REPORT_SCREENSHOTS=<dir> to save screenshots of the pages with the report control. */
const screenshots = process.env.REPORT_SCREENSHOTS;

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
});
afterAll(async () => {
  await browser.close();
  database.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

const teams = () =>
  all<{ id: number; name: string; managed: number }>(
    `SELECT t.id, t.name, EXISTS (SELECT 1 FROM team_managers tm JOIN users u ON u.id = tm.user_id
       WHERE tm.team_id = t.id AND u.email = 'manager@northbridge.example') AS managed FROM teams t ORDER BY t.id`,
  );

describe('quarterly report', () => {
  it('a manager downloads their team’s PDF from the team page, and cannot fetch another team’s', async () => {
    const own = teams().find((t) => t.managed)!;
    const other = teams().find((t) => !t.managed)!;
    await new SignInPage(page, baseUrl).signInAndWait('manager@northbridge.example', DEMO_PASSWORD);
    const app = new AppPage(page, baseUrl);
    expect((await app.goto(`/teams/${own.id}`))?.status()).toBe(200);
    const form = new QuarterlyReportForm(page);
    const quarters = await form.quarters();
    expect(quarters.length).toBeGreaterThan(1);
    expect(quarters[0]).toMatch(/^\d{4}-Q[1-4]$/);
    expect(await new DashboardPage(page).axeViolations()).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/team-page.png`, fullPage: true });

    await form.chooseQuarter(quarters[1]!);
    const download = await form.download();
    expect(download.suggestedFilename()).toMatch(new RegExp(`^onchannel-finance-[a-z-]+-${quarters[1]}\\.pdf$`));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onchannel-report-')), download.suggestedFilename());
    await download.saveAs(file);
    const text = pdfToText(fs.readFileSync(file));
    expect(text).toContain(own.name);
    expect(text).toContain(`Figures as at the end of ${quarters[1]}`);
    expect(app.pathname()).toBe(`/teams/${own.id}`);

    // The same session asking for another team's report by URL gets nothing.
    const refused = await page.request.get(`${baseUrl}/api/reports/teams/${other.id}?quarter=${quarters[1]}`);
    expect(refused.status()).toBe(404);
    expect(refused.headers()['content-type']).not.toContain('pdf');
  });

  it('an officer chooses organisation, sector or team on the organisation page', async () => {
    await new SignInPage(page, baseUrl).signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    const app = new AppPage(page, baseUrl);
    await app.goto('/organisation?sector=law');
    const form = new QuarterlyReportForm(page);
    await form.section().scrollIntoViewIfNeeded();
    if (screenshots) await form.section().screenshot({ path: `${screenshots}/organisation-report-control.png` });
    // The control starts from the dashboard's filters: this view is the law sector.
    expect(await form.section().getByLabel('Report sector').inputValue()).toBe('law');
    const download = await form.download();
    expect(download.suggestedFilename()).toMatch(/^onchannel-law-sector-\d{4}-Q[1-4]\.pdf$/);
    await expect(form.section().getByRole('link', { name: /last four quarters \(ZIP\)/ }).getAttribute('href')).resolves.toBe('/api/reports/archive');
  });
});
