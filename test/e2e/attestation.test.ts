import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openPersonalData } from '@/db/personal-keys';
import * as schema from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { getPack, questionsFor, type Sector } from '@/lib/policy';
import { launchBrowser } from './browser';
import { AppPage } from './pages/app-page';
import { AttestationPage } from './pages/attestation-page';
import { SignInPage } from './pages/sign-in-page';

const baseUrl = inject('baseUrl');
const database = new Database(inject('databasePath'));
const one = <T>(sql: string, ...params: unknown[]) => database.prepare(sql).get(...params) as T;
const screenshots = process.env.ATTESTATION_SCREENSHOTS;

/**
 * A member of staff who has not signed the current campaign, alone in one team that neither the demo manager
 * manages nor the demo staff member belongs to (so the other browser tests' expectations are untouched).
 */
const person = one<{ id: number; email: string; name: string; teamId: number; pack: Sector }>(
  `SELECT u.id, u.email, u.name, t.id AS teamId, t.policy_pack_id AS pack FROM users u
   JOIN team_members m ON m.user_id = u.id AND m.left_at IS NULL JOIN teams t ON t.id = m.team_id
   WHERE u.active = 1 AND u.role = 'staff'
     AND NOT EXISTS (SELECT 1 FROM team_members o WHERE o.user_id = u.id AND o.left_at IS NULL AND o.team_id <> t.id)
     AND t.id NOT IN (SELECT team_id FROM team_managers tm JOIN users mu ON mu.id = tm.user_id WHERE mu.email = 'manager@northbridge.example')
     AND t.id NOT IN (SELECT team_id FROM team_members sm JOIN users su ON su.id = sm.user_id WHERE su.email = 'staff@northbridge.example')
     AND NOT EXISTS (SELECT 1 FROM attestations a WHERE a.user_id = u.id AND a.campaign_id = (SELECT max(id) FROM campaigns))
   ORDER BY t.id, u.id LIMIT 1`,
);

// The seeded campaign is not yet due, so nobody is overdue. A catch-up campaign for the person's team that
// opened three weeks ago and was due three days ago makes their attestation overdue (rule X5 fails).
const now = Date.now();
const campaignId = Number(
  database
    .prepare("INSERT INTO campaigns (name, period, opens_at, due_at, all_teams) VALUES ('Catch-up attestation', '2026-Q4', ?, ?, 0)")
    .run(now - 21 * 86_400_000, now - 3 * 86_400_000).lastInsertRowid,
);
database.prepare('INSERT INTO campaign_teams (campaign_id, team_id) VALUES (?, ?)').run(campaignId, person.teamId);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let signIn: SignInPage;
let app: AppPage;
let attest: AttestationPage;

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
  attest = new AttestationPage(page, baseUrl);
});
afterEach(async () => {
  await context.close();
});

const shot = async (name: string) => {
  if (screenshots) await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
};

describe('attesting end to end', () => {
  let before = '';

  it('an officer sees the campaign with nobody signed yet', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    before = await attest.completion(campaignId);
    expect(before).toMatch(/^0 of \d+/);
    await shot('campaign-progress-before');
  });

  it('a member of staff sees the overdue finding, attests, gets a receipt, and the finding is gone', async () => {
    await signIn.signInAndWait(person.email, DEMO_PASSWORD);
    expect(app.pathname()).toBe('/my');
    await expect.poll(() => page.getByRole('heading', { name: /^X5 · / }).count()).toBe(1);
    await shot('my-compliance-due');
    await attest.dueLink('2026-Q4').click();
    await page.waitForURL((url) => url.pathname === `/attest/${campaignId}`);
    await expect.poll(() => app.heading().textContent()).toBe('2026-Q4 attestation');

    const questions = questionsFor(getPack(person.pack), { isSupervisor: false });
    await attest.answer(questions, (q) =>
      q.type === 'yes_no' ? q.compliantAnswer : q.type === 'number' ? q.min : q.type === 'multi_choice' ? [] : q.type === 'choice' ? q.options[0]!.label : 'None',
    );
    await attest.saveDraft();
    // The draft survives leaving the page: the answers come back prefilled.
    await page.reload();
    const numberIndex = questions.findIndex((q) => q.type === 'number');
    if (numberIndex >= 0) {
      const q = questions[numberIndex]!;
      expect(await page.getByLabel(`${numberIndex + 1}. ${q.text}`, { exact: true }).inputValue()).toBe(String(q.type === 'number' ? q.min : ''));
    }
    expect(await attest.axeViolations()).toEqual([]);
    await shot('attestation-form');
    // A wrong signature is refused, with the reason next to the field, and nothing is recorded.
    await attest.sign('Somebody Else');
    await page.getByRole('button', { name: 'Sign and submit' }).click();
    await expect.poll(() => page.getByText(`Type your name exactly as we hold it: ${person.name}.`).first().isVisible()).toBe(true);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM attestations WHERE user_id = ? AND campaign_id = ?', person.id, campaignId).n).toBe(0);

    // The signer's address is the connection's, not one the browser claims (no proxy is trusted here).
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.9' });
    await attest.sign(person.name.toLowerCase());
    await attest.submit();
    await expect.poll(() => app.heading().textContent()).toBe('Attestation receipt');
    const stored = one<{ content_hash: string; ip_address: string | null }>(
      'SELECT content_hash, ip_address FROM attestations WHERE user_id = ? AND campaign_id = ?',
      person.id,
      campaignId,
    );
    expect(openPersonalData(drizzle(database, { schema }), stored).ip_address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await attest.receiptHash().textContent()).toBe(stored.content_hash);
    expect(await attest.axeViolations()).toEqual([]);
    await shot('attestation-receipt');

    // Within the app: My compliance is read afresh, and history back shows the receipt again (not the form).
    await page.getByRole('link', { name: 'Back to My compliance' }).click();
    await page.waitForURL((url) => url.pathname === '/my');
    await expect.poll(() => page.getByRole('link', { name: 'Correct my 2026-Q4 attestation' }).count()).toBe(1);
    await page.goBack();
    await expect.poll(() => app.heading().textContent()).toBe('Attestation receipt');
    expect(await attest.receiptHash().textContent()).toBe(stored.content_hash);

    await app.goto('/my');
    expect(await page.getByRole('heading', { name: /^X5 · / }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Correct my 2026-Q4 attestation' }).count()).toBe(1);
  });

  it('the officer then sees completion rise', async () => {
    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    const after = await attest.completion(campaignId);
    expect(after).toMatch(/^1 of \d+/);
    expect(after.split(' of ')[1]?.split(' ')[0]).toBe(before.split(' of ')[1]?.split(' ')[0]);
    expect(await attest.axeViolations()).toEqual([]);
    await shot('campaign-progress-after');
    await app.goto(`/campaigns/${campaignId}/people/${person.id}`);
    expect(await app.table('Attestation history').locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await shot('person-history');
    await app.goto('/campaigns');
    expect(await attest.axeViolations()).toEqual([]);
    await shot('campaigns');
  });
});

describe('reminders', () => {
  const seeded = one<{ id: number }>("SELECT id FROM campaigns WHERE name <> 'Catch-up attestation' ORDER BY opens_at DESC LIMIT 1").id;
  const member = one<{ id: number; name: string; email: string }>(
    `SELECT u.id, u.name, u.email FROM users u JOIN team_members m ON m.user_id = u.id AND m.left_at IS NULL
     WHERE u.active = 1 AND u.role = 'staff' AND m.team_id IN (SELECT team_id FROM team_managers tm JOIN users mu ON mu.id = tm.user_id WHERE mu.email = 'manager@northbridge.example')
       AND NOT EXISTS (SELECT 1 FROM attestations a WHERE a.user_id = u.id AND a.campaign_id = ?) ORDER BY u.id LIMIT 1`,
    seeded,
  );

  it('a manager nudges an unsigned member of their team once; the officer reads it in the outbox', async () => {
    await signIn.signInAndWait('manager@northbridge.example', DEMO_PASSWORD);
    await app.goto(`/campaigns/${seeded}`);
    await page.getByRole('button', { name: `Remind ${member.name}` }).click();
    await expect.poll(() => page.getByText(`Reminder sent to ${member.email}.`).count()).toBe(1);
    await app.signOut();

    await signIn.signInAndWait('officer@northbridge.example', DEMO_PASSWORD);
    await app.goto('/campaigns/outbox');
    expect(await app.table('Reminder outbox').getByText(member.email).count()).toBe(1);
    expect(await attest.axeViolations()).toEqual([]);
    await shot('outbox');
  });
});
