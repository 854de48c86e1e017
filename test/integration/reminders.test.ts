import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverReminders, queueDueReminders } from '@/db/commands/reminders';
import { addDays } from '@/lib/time';
import { sessionUserByEmail, TEST_AS_OF } from '../helpers/database';

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { nudgeMember } = await import('@/lib/actions/campaigns');

const sqlite = db.$client;
const byEmail = (email: string) => sessionUserByEmail(db, email);
const manager = byEmail('manager@northbridge.example');
const staff = byEmail('staff@northbridge.example');
const officer = byEmail('officer@northbridge.example');
const campaignId = (sqlite.prepare('SELECT id FROM campaigns ORDER BY opens_at DESC LIMIT 1').get() as { id: number }).id;
const now = new Date(TEST_AS_OF.getTime() + 3_600_000);
const BASE_URL = 'https://onchannel.example';

/** Unsigned members of the current campaign: in the manager's teams, and outside them. */
const unsigned = (inManagersTeams: boolean) =>
  sqlite
    .prepare(
      `SELECT DISTINCT u.id, u.email FROM users u JOIN team_members m ON m.user_id = u.id AND m.left_at IS NULL
       WHERE u.active = 1 AND m.team_id ${inManagersTeams ? '' : 'NOT'} IN (SELECT team_id FROM team_managers WHERE user_id = ?)
         AND NOT EXISTS (SELECT 1 FROM attestations a WHERE a.user_id = u.id AND a.campaign_id = ?) ORDER BY u.id`,
    )
    .all(manager.id, campaignId) as { id: number; email: string }[];
const reminderCount = () => (sqlite.prepare('SELECT count(*) AS n FROM reminders').get() as { n: number }).n;

interface Received { to: string[]; raw: string }
const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});

describe('nudging a member', () => {
  it('refuses staff, and a manager nudging someone outside their teams, storing nothing', async () => {
    const outsider = unsigned(false)[0]!;
    vi.mocked(getSessionUser).mockResolvedValue(staff);
    expect(await nudgeMember(null, formOf(outsider.id))).toMatchObject({ ok: false, error: 'You do not have access to this.' });
    vi.mocked(getSessionUser).mockResolvedValue(manager);
    expect(await nudgeMember(null, formOf(outsider.id))).toMatchObject({ ok: false, error: 'That person is not in a team you manage.' });
    expect(reminderCount()).toBe(0);
  });

  it('queues one reminder for a member of the manager’s team, and refuses a second the same day', async () => {
    const member = unsigned(true)[0]!;
    vi.mocked(getSessionUser).mockResolvedValue(manager);
    expect(await nudgeMember(null, formOf(member.id))).toMatchObject({ ok: true });
    expect(await nudgeMember(null, formOf(member.id))).toMatchObject({ ok: false, error: expect.stringContaining('already had a reminder today') });
    expect(sqlite.prepare('SELECT user_id, kind, sent_by, recipient FROM reminders').all()).toEqual([{ user_id: member.id, kind: 'nudge', sent_by: manager.id, recipient: member.email }]);
  });

  it('refuses to nudge about a campaign already signed', async () => {
    const signedMember = sqlite.prepare('SELECT user_id FROM attestations WHERE campaign_id = ? AND user_id IN (SELECT user_id FROM team_members WHERE team_id IN (SELECT team_id FROM team_managers WHERE user_id = ?)) LIMIT 1').get(campaignId, manager.id) as { user_id: number };
    vi.mocked(getSessionUser).mockResolvedValue(officer);
    expect(await nudgeMember(null, formOf(signedMember.user_id))).toMatchObject({ ok: false });
  });
});

describe('scheduled reminders', () => {
  it('queues due-soon reminders once a day for everyone unsigned (nudged people excepted) and e-mails them over SMTP', async () => {
    const dueAt = new Date((sqlite.prepare('SELECT due_at AS d FROM campaigns WHERE id = ?').get(campaignId) as { d: number }).d);
    expect(addDays(now, 7) >= dueAt && now < dueAt).toBe(true);
    const expected = new Set([...unsigned(true), ...unsigned(false)].map((p) => p.id));
    const before = reminderCount();
    const queued = queueDueReminders(db, { baseUrl: BASE_URL, now });
    expect(queued.length).toBe(expected.size - before);
    expect(queued.every((r) => r.kind === 'due_soon')).toBe(true);
    expect(queueDueReminders(db, { baseUrl: BASE_URL, now })).toEqual([]);
    expect(() => sqlite.prepare("INSERT INTO reminders (user_id, campaign_id, kind, day, recipient, subject, body, created_at) SELECT user_id, campaign_id, 'overdue', day, recipient, subject, body, created_at FROM reminders LIMIT 1").run()).toThrow(/UNIQUE/);

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const first = queued.slice(0, 2);
    expect(await deliverReminders(db, first, transport, 'Onchannel <reminders@onchannel.example>')).toBe(2);
    transport.close();
    expect(received).toHaveLength(2);
    expect(received[0]!.to).toEqual([first[0]!.recipient]);
    expect(received[0]!.raw).toContain(`${BASE_URL}/attest/${campaignId}`);
    expect(received[0]!.raw).toMatch(/Subject: Due /);
    const row = sqlite.prepare('SELECT emailed_at, email_error FROM reminders WHERE id = ?').get(first[0]!.id) as { emailed_at: number | null; email_error: string | null };
    expect(row.emailed_at).not.toBeNull();
    expect(row.email_error).toBeNull();
  });

  it('sends "overdue" after the due day, on a new day', () => {
    const later = addDays(now, 5);
    const queued = queueDueReminders(db, { baseUrl: BASE_URL, now: later });
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((r) => r.kind === 'overdue' && r.body.includes('overdue'))).toBe(true);
  });
});

function formOf(userId: number): FormData {
  const form = new FormData();
  form.set('userId', String(userId));
  form.set('campaignId', String(campaignId));
  form.set('$ACTION_REF_1', ''); // React's own hidden input on forms bound to a server action
  return form;
}
