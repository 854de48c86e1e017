import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@/db/connection';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { launchBrowser } from './browser';
import { AdminPages } from './pages/admin-pages';
import { SignInPage } from './pages/sign-in-page';

const baseUrl = inject('baseUrl');
const db = openDatabase(inject('databasePath'));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  db.$client.close();
});

describe('an administrator', () => {
  it('imports a new team from HR, creates a person, adds them to the team, and the person signs in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await new SignInPage(page, baseUrl).signInAndWait('admin@northbridge.example', DEMO_PASSWORD);
    const admin = new AdminPages(page, baseUrl);

    // HR import: preview shows what would change and writes nothing; applying stores it.
    const preview = await admin.previewHrImport('test/fixtures/hr/new-team.csv');
    expect(preview).toContain('Conduct Review (Finance)');
    expect(preview).toContain('manages Conduct Review');
    expect(db.$client.prepare("SELECT count(*) AS n FROM teams WHERE name = 'Conduct Review'").get()).toEqual({ n: 0 });
    expect(await admin.applyHrImport()).toContain('Import applied: 2 new');
    expect(db.$client.prepare("SELECT u.email FROM team_managers tm JOIN users u ON u.id = tm.user_id JOIN teams t ON t.id = tm.team_id WHERE t.name = 'Conduct Review' AND tm.until IS NULL").all()).toEqual([{ email: 'lena.hart@northbridge.example' }]);

    // A new person with a password that meets the policy, then added to the imported team.
    await admin.createPerson({ email: 'quinn.ashby@northbridge.example', name: 'Quinn Ashby', role: 'staff', password: 'amber-river-notebook-31' });
    expect(await admin.heading().textContent()).toBe('Quinn Ashby');
    expect(await admin.addToTeam('Conduct Review')).toContain('Added to the team');
    await page.reload();
    expect(await admin.table('Current teams').textContent()).toContain('Conduct Review');
    expect(await admin.table('History of changes').textContent()).toMatch(/Joined a team.*Conduct Review/);
    await context.close();

    const person = await browser.newContext();
    const personPage = await person.newPage();
    await new SignInPage(personPage, baseUrl).signInAndWait('quinn.ashby@northbridge.example', 'amber-river-notebook-31');
    expect(new URL(personPage.url()).pathname).toBe('/my');
    expect((await personPage.goto(`${baseUrl}/admin/people`))?.status()).toBe(404);
    await person.close();
  });
});
