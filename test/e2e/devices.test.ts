import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
import { DeviceFormPage, ImportPage } from './pages/device-pages';
import { SignInPage } from './pages/sign-in-page';

const baseUrl = inject('baseUrl');
const database = new Database(inject('databasePath'), { readonly: true });
const one = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).get(...params) as T;
/** Set SCREENSHOT_DIR to keep full-page screenshots of each page visited. */
const screenshotDir = process.env.SCREENSHOT_DIR;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let signIn: SignInPage;
let app: AppPage;

const shoot = async (name: string) => {
  if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  database.close();
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

describe('staff', () => {
  it('register a device with a messaging app, see it on My compliance, and edit it', async () => {
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Register a device' }).click();
    await page.waitForURL('**/my/devices/new');
    const form = new DeviceFormPage(page, baseUrl);
    await form.fill({ kind: 'phone', ownership: 'byod', model: 'Pixel 8 e2e', os: 'android', osVersion: '15', passcode: true, encrypted: true });
    await form.addApp('WhatsApp', ['Used for business', 'Cloud backup on']);
    await shoot('register-device');
    await form.submit();
    await expect.poll(() => form.status().textContent()).toContain('Pixel 8 e2e is registered');

    const staff = one<{ id: number }>("SELECT id FROM users WHERE email = 'staff@northbridge.example'");
    const row = one<{ id: number; source: string; ownership: string; cloud_backup: number }>(
      `SELECT d.id, d.source, v.ownership, a.cloud_backup FROM devices d JOIN device_versions v ON v.device_id = d.id AND v.valid_to IS NULL
       JOIN device_apps a ON a.device_version_id = v.id WHERE d.owner_id = ? AND v.model = 'Pixel 8 e2e'`,
      staff.id,
    );
    expect(row).toMatchObject({ source: 'manual', ownership: 'byod', cloud_backup: 1 });

    await app.goto('/my');
    await expect.poll(() => app.table('My devices').textContent()).toContain('Pixel 8 e2e');
    await shoot('my-compliance-devices');
    await page.getByRole('link', { name: 'Edit Pixel 8 e2e' }).click();
    await page.waitForURL(`**/my/devices/${row.id}`);
    await page.getByLabel('OS version').fill('16');
    await form.submit('Save changes');
    await expect.poll(() => form.status().textContent()).toContain('saved');
    await shoot('edit-device');
    expect(one<{ n: number }>('SELECT count(*) AS n FROM device_versions WHERE device_id = ?', row.id).n).toBe(2);
  });

  it('see a device not seen for over a week flagged as stale', async () => {
    const stale = one<{ email: string; model: string; last_seen_at: number }>(
      `SELECT u.email, v.model, v.last_seen_at FROM devices d JOIN users u ON u.id = d.owner_id
       JOIN device_versions v ON v.device_id = d.id AND v.valid_to IS NULL
       WHERE d.retired_at IS NULL AND u.active = 1 AND u.role = 'staff' AND v.last_seen_at < ? ORDER BY u.id LIMIT 1`,
      Date.now() - 31 * 86_400_000,
    );
    await signIn.signInAndWait(stale.email, DEMO_PASSWORD);
    const row = app.table('My devices').locator('tbody tr').filter({ hasText: stale.model }).first();
    await expect.poll(() => row.textContent()).toMatch(/Stale — not seen for \d+ days/);
  });

  it("get not-found for another person's device", async () => {
    await signIn.signInAndWait('staff@northbridge.example', DEMO_PASSWORD);
    const theirs = one<{ id: number }>(
      "SELECT d.id FROM devices d JOIN users u ON u.id = d.owner_id WHERE u.email <> 'staff@northbridge.example' AND d.retired_at IS NULL LIMIT 1",
    );
    expect((await app.goto(`/my/devices/${theirs.id}`))?.status()).toBe(404);
    expect((await app.goto('/imports'))?.status()).toBe(404);
  });
});

describe('officer', () => {
  it('import an Intune export through preview and confirm', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page.waitForURL('**/imports');
    const imports = new ImportPage(page, baseUrl);
    const before = one<{ n: number }>('SELECT count(*) AS n FROM devices').n;
    await imports.preview(path.resolve('test/fixtures/imports/intune-devices.csv'));
    const preview = imports.previewRegion();
    await expect.poll(() => preview.textContent()).toContain('Microsoft Intune — devices export');
    await expect.poll(() => app.table('Rows matching no person').textContent()).toContain('contractor@elsewhere.example');
    expect(await page.getByLabel('Owner e-mail / UPN').inputValue()).toBe('Primary user UPN');
    expect(one<{ n: number }>('SELECT count(*) AS n FROM devices').n).toBe(before);
    await shoot('import-preview');

    await imports.confirm();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('3 new');
    expect(one<{ n: number }>('SELECT count(*) AS n FROM devices').n).toBe(before + 3);
    await shoot('import-result');

    await page.getByRole('link', { name: 'See the import history' }).click();
    await page.waitForURL('**/imports/history');
    await expect.poll(() => app.table('Imports').textContent()).toContain('intune-devices.csv');
    await shoot('import-history');
  });

  it('download the template', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    const response = await page.request.get(`${baseUrl}/imports/template`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(await response.text()).toContain('owner_email,external_id,model');
  });
});

describe('admin', () => {
  it('create an API token, shown once', async () => {
    await signIn.signInAndWait('admin@northbridge.example', DEMO_PASSWORD);
    await page.getByRole('form', { name: 'Create an API token' }).getByLabel('Name').fill('Intune nightly sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.getByLabel('The token').inputValue()).toMatch(/^onc_/);
    await shoot('settings-api-tokens');
    const token = await page.getByLabel('The token').inputValue();
    const response = await page.request.get(`${baseUrl}/api/v1/devices?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(403);
  });
});
