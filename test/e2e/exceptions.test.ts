import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@/db/connection';
import { scoreTeam } from '@/db/queries/scores';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
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

/** A member with a failing rule that is not critical, from the live scores. */
function memberWithFinding(): { email: string; ruleId: string } {
  const teams = db.$client.prepare('SELECT id FROM teams ORDER BY id').all() as { id: number }[];
  for (const team of teams) {
    for (const member of scoreTeam(db, { teamId: team.id, asOf: new Date() }).members) {
      const finding = member.results.find((r) => r.status === 'fail' && r.severity !== 'critical' && r.ruleId !== 'X5');
      if (!finding) continue;
      const { email } = db.$client.prepare('SELECT email FROM users WHERE id = ?').get(member.userId) as { email: string };
      return { email, ruleId: finding.ruleId };
    }
  }
  throw new Error('The seeded organisation has no member with a non-critical finding');
}

describe('an officer waives a rule', () => {
  it('and the person then sees that finding as waived, not failed', async () => {
    const { email, ruleId } = memberWithFinding();
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

    const officer = await browser.newContext();
    const officerPage = await officer.newPage();
    await new SignInPage(officerPage, baseUrl).signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    await new AppPage(officerPage, baseUrl).goto('/exceptions');
    const form = officerPage.getByRole('form', { name: 'Grant an exception' });
    await form.getByLabel('Their work e-mail').fill(email);
    await form.getByLabel('Rule').selectOption(ruleId);
    await form.getByLabel('Expires on').fill(expires);
    await form.getByLabel('Reason').fill('Replacement handset on order; browser test.');
    await form.getByRole('button', { name: 'Grant exception' }).click();
    await expect.poll(() => form.textContent()).toContain('Exception granted');
    await officer.close();

    const person = await browser.newContext();
    const page = await person.newPage();
    await new SignInPage(page, baseUrl).signInAndWait(email, DEMO_PASSWORD);
    const app = new AppPage(page, baseUrl);
    await app.goto('/my');
    const finding = page.getByRole('region', { name: /My findings/ }).getByRole('listitem').filter({ hasText: `${ruleId} ·` });
    await expect.poll(() => finding.first().textContent()).toContain('Waived');
    expect(await finding.first().textContent()).toContain('Replacement handset on order');
    await person.close();
  });
});

describe('the policy page', () => {
  it('shows each pack with its rules and citations to an officer, and nothing to staff', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await new SignInPage(page, baseUrl).signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    await new AppPage(page, baseUrl).goto('/policy');
    const text = await page.locator('main').textContent();
    for (const title of ['Law firm messaging policy', 'Finance messaging policy', 'Government messaging policy']) expect(text).toContain(title);
    await context.close();

    const staff = await browser.newContext();
    const staffPage = await staff.newPage();
    await new SignInPage(staffPage, baseUrl).signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    for (const path of ['/policy', '/exceptions']) expect((await new AppPage(staffPage, baseUrl).goto(path))?.status(), path).toBe(404);
    await staff.close();
  });
});
