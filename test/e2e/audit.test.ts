import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEntry } from '@/db/audit';
import { openDatabase } from '@/db/connection';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
import { AuditPage } from './pages/audit-page';
import { DashboardPage } from './pages/dashboard-page';
import { SignInPage } from './pages/sign-in-page';

const baseUrl = inject('baseUrl');
const db = openDatabase(inject('databasePath'));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  // A policy change with its before/after, as the policy page records one.
  const officer = (db.$client.prepare("SELECT id FROM users WHERE email = 'officer@northbridge.example'").get() as { id: number }).id;
  db.transaction(
    (tx) =>
      appendAuditEntry(tx, {
        actorId: officer, action: 'policy.change', targetType: 'policy_settings', targetId: 901,
        summary: { before: { forwardingWindowDays: 10, approvedChannels: ['Teams'] }, after: { forwardingWindowDays: 5, approvedChannels: ['Teams', 'Symphony'] }, note: 'Browser test' },
      }),
    { behavior: 'immediate' },
  );
});
afterAll(async () => {
  await browser.close();
  db.$client.close();
});

describe('the audit log', () => {
  it('lets an officer filter entries and see who changed what', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await new SignInPage(page, baseUrl).signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL((url) => url.pathname === '/audit');
    const audit = new AuditPage(page);
    await expect(audit.chainStatus().textContent()).resolves.toMatch(/Chain verified: \d+ entries/);

    await audit.filter({ action: 'policy.change', target: 'policy_settings:901' });
    expect(new URL(page.url()).searchParams.get('action')).toBe('policy.change');
    await expect(audit.entries().count()).resolves.toBe(1);
    const row = await audit.entries().first().textContent();
    expect(row).toContain('Olivia Okafor');
    expect(row).toMatch(/forwardingWindowDays: 10\s*→\s*5/);
    expect(row).toMatch(/approvedChannels: Teams\s*→\s*Teams, Symphony/);
    await expect(audit.csvLink().getAttribute('href')).resolves.toBe('/api/audit/export?action=policy.change&target=policy_settings%3A901');

    // The officer's own sign-in is there too, and a search by e-mail finds it.
    await audit.page.goto(`${baseUrl}/audit`);
    await audit.filter({ actor: 'officer@northbridge', action: 'auth.sign_in' });
    await expect.poll(() => audit.entries().count()).toBeGreaterThan(0);
    expect(await audit.entries().first().textContent()).toContain('method: password');
    expect(await new DashboardPage(page).axeViolations()).toEqual([]);
    await page.screenshot({ path: path.join(os.tmpdir(), 'onchannel-audit-log.png'), fullPage: true });

    // A malformed filter is named, and nothing is listed until it is fixed.
    await audit.filter({ target: 'not a target!' });
    await expect(audit.filters().getByText('Write the target as a type').count()).resolves.toBe(1);
    await expect(audit.entries().count()).resolves.toBe(0);
    await context.close();
  });

  it('is not there for managers: no navigation entry, and the page is not found', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await new SignInPage(page, baseUrl).signInAndWait('manager@northbridge.example', DEMO_PASSWORD);
    const app = new AppPage(page, baseUrl);
    expect(await app.navigationLinks().allTextContents()).not.toContain('Audit log');
    const response = await app.goto('/audit');
    expect(response?.status()).toBe(404);
    const csv = await page.request.get(`${baseUrl}/api/audit/export`);
    expect(csv.status()).toBe(404);
    await context.close();
  });
});
