import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyAttestationSubmission, attestationContext } from '@/db/commands/attestations';
import { findDraft, findOwnAttestation, verifyAttestationChain } from '@/db/queries/attestations';
import { openPersonalData } from '@/db/personal-keys';
import { loadSessionUser, type SessionUser } from '@/db/queries/users';
import { getPack, questionsFor, type Question } from '@/lib/policy';
import { attestationSubmissionSchema } from '@/lib/validation/attestations';
import { TEST_AS_OF } from '../helpers/database';

vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn() }));

const { db } = await import('@/db');
const { getSessionUser } = await import('@/lib/auth/guards');
const { submitAttestation, saveDraft } = await import('@/lib/actions/attestations');
const { NOT_A_FORM } = await import('@/lib/auth/action-guard');

const sqlite = db.$client;
const now = new Date(TEST_AS_OF.getTime() + 3_600_000);
const currentCampaign = (sqlite.prepare('SELECT id FROM campaigns ORDER BY opens_at DESC LIMIT 1').get() as { id: number }).id;
const person = (id: number): SessionUser => loadSessionUser(db, { userId: id })!;
/** An active finance staff member who has not attested the current campaign. */
const pendingId = (
  sqlite
    .prepare(
      `SELECT u.id FROM users u JOIN team_members m ON m.user_id = u.id AND m.left_at IS NULL JOIN teams t ON t.id = m.team_id
       WHERE u.active = 1 AND u.role = 'staff' AND t.policy_pack_id = 'finance'
         AND NOT EXISTS (SELECT 1 FROM attestations a WHERE a.user_id = u.id AND a.campaign_id = ?)
         AND NOT EXISTS (SELECT 1 FROM team_members o WHERE o.user_id = u.id AND o.left_at IS NULL AND o.team_id <> m.team_id)
       ORDER BY u.id LIMIT 1`,
    )
    .get(currentCampaign) as { id: number }
).id;
const staff = person(pendingId);
const questions = questionsFor(getPack('finance'), { isSupervisor: false });

/** A valid posted value for each question. */
function validValue(q: Question): string | string[] {
  switch (q.type) {
    case 'yes_no': return q.compliantAnswer ? 'yes' : 'no';
    case 'choice': return q.options[0]!.value;
    case 'multi_choice': return [q.options[0]!.value];
    case 'number': return String(q.min);
    case 'text': return 'Nothing to add';
  }
}

function form(overrides: Record<string, string | string[] | null> = {}): FormData {
  const data = new FormData();
  const fields: Record<string, string | string[] | null> = {
    campaignId: String(currentCampaign),
    signatureName: `  ${staff.name.toUpperCase()} `,
    confirm: 'on',
    ...Object.fromEntries(questions.map((q) => [`answers.${q.id}`, validValue(q)])),
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

const counts = () => ({
  attestations: (sqlite.prepare('SELECT count(*) AS n FROM attestations').get() as { n: number }).n,
  audit: (sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  vi.mocked(getSessionUser).mockResolvedValue(staff);
});

describe('the submission schema built from the pack', () => {
  const schema = attestationSubmissionSchema(questions, 'Sam Thompson');
  const answers = Object.fromEntries(questions.map((q) => [q.id, validValue(q)]));
  const base = { campaignId: '6', signatureName: 'sam  thompson', confirm: 'on', answers };
  it('accepts valid answers and a signature matching the name ignoring case and spacing', () => {
    expect(schema.safeParse(base).success).toBe(true);
  });
  it.each([
    ['an unknown question', { answers: { ...answers, invented: 'yes' } }, 'answers'],
    ['a yes/no answered with another word', { answers: { ...answers, chat_backup_personal: 'maybe' } }, 'answers.chat_backup_personal'],
    ['a number out of range', { answers: { ...answers, forwarding_days: '366' } }, 'answers.forwarding_days'],
    ['a number that is not one', { answers: { ...answers, forwarding_days: '3 days' } }, 'answers.forwarding_days'],
    ['an app not in the list', { answers: { ...answers, business_apps: ['carrier-pigeon'] } }, 'answers.business_apps'],
    ['a missing answer', { answers: Object.fromEntries(Object.entries(answers).slice(1)) }, `answers.${questions[0]!.id}`],
    ['someone else’s name', { signatureName: 'Morgan Patel' }, 'signatureName'],
    ['no confirmation', { confirm: undefined }, 'confirm'],
    ['an extra field such as a user id', { userId: '1' }, ''],
  ])('refuses %s', (_label, change, field) => {
    const parsed = schema.safeParse({ ...base, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((i) => i.path.join('.').startsWith(field))).toBe(true);
  });
  it('refuses oversize text', () => {
    const textQuestion: Question = { id: 'note', type: 'text', text: 'Note', help: '', ruleIds: [], maxLength: 10 };
    const parsed = attestationSubmissionSchema([textQuestion], 'A B').safeParse({ campaignId: 1, signatureName: 'a b', confirm: 'on', answers: { note: 'x'.repeat(11) } });
    expect(parsed.error?.issues[0]?.path).toEqual(['answers', 'note']);
  });
});

describe('submitAttestation', () => {
  it('refuses the signed-out and stores nothing', async () => {
    vi.mocked(getSessionUser).mockResolvedValue(null);
    const before = counts();
    expect(await submitAttestation(null, form())).toMatchObject({ ok: false, error: 'You do not have access to this.' });
    expect(counts()).toEqual(before);
  });

  it.each([
    ['a closed campaign (replaced by a later one)', { campaignId: String(currentCampaign - 1) }],
    ['a campaign that does not exist', { campaignId: '9999' }],
    ['a question not in the pack', { 'answers.invented': 'yes' }],
    ['a value of the wrong type', { 'answers.forwarding_days': 'yes' }],
    ['oversize text in the signature', { signatureName: 'x'.repeat(5000) }],
    ['another person’s name', { signatureName: 'Morgan Patel' }],
    ['no confirmation', { confirm: null }],
  ])('stores nothing for %s', async (_label, overrides) => {
    const before = counts();
    const result = await submitAttestation(null, form(overrides));
    expect(result?.ok).toBe(false);
    expect(counts()).toEqual(before);
  });

  // Next decodes an action's arguments as the client sent them: a script can send anything where the form would be.
  it.each([['nothing', undefined], ['a string', 'campaignId=1'], ['a plain object', { campaignId: '1' }]])('answers %s in place of the form with a refusal, for a submission and a draft', async (_label, input) => {
    vi.mocked(getSessionUser).mockResolvedValue(staff);
    const before = counts();
    const notAForm = input as unknown as FormData;
    expect(await submitAttestation(null, notAForm)).toEqual({ ok: false, error: NOT_A_FORM });
    expect(await saveDraft(null, notAForm)).toEqual({ ok: false, error: NOT_A_FORM });
    expect(counts()).toEqual(before);
  });

  it('refuses a campaign whose audience excludes the person’s team, storing nothing', () => {
    const otherTeam = (sqlite.prepare('SELECT id FROM teams WHERE id NOT IN (SELECT team_id FROM team_members WHERE user_id = ?) LIMIT 1').get(staff.id) as { id: number }).id;
    const id = Number(sqlite.prepare("INSERT INTO campaigns (name, period, opens_at, due_at, all_teams) VALUES ('Other team only', '2026-Q4', ?, ?, 0)").run(now.getTime() - 1000, now.getTime() + 86_400_000).lastInsertRowid);
    sqlite.prepare('INSERT INTO campaign_teams (campaign_id, team_id) VALUES (?, ?)').run(id, otherTeam);
    try {
      expect(attestationContext(db, staff, { campaignId: id, asOf: now })).toBeNull();
      // The person's own campaign stays open: the other team's campaign does not replace it.
      expect(attestationContext(db, staff, { campaignId: currentCampaign, asOf: now })?.campaign.id).toBe(currentCampaign);
    } finally {
      sqlite.prepare('DELETE FROM campaign_teams WHERE campaign_id = ?').run(id);
      sqlite.prepare('DELETE FROM campaigns WHERE id = ?').run(id);
    }
  });

  it('keeps a draft in place, then records the signed answers as the session user, chained and audited, and deletes the draft', async () => {
    expect(await saveDraft(null, form({ 'answers.forwarding_days': '4', 'answers.invented': 'x' }))).toMatchObject({ ok: true });
    expect(await saveDraft(null, form({ 'answers.forwarding_days': '5' }))).toMatchObject({ ok: true });
    expect(findDraft(db, { userId: staff.id, campaignId: currentCampaign })?.answers).toMatchObject({ forwarding_days: '5' });
    expect(findDraft(db, { userId: staff.id, campaignId: currentCampaign })?.answers).not.toHaveProperty('invented');

    const last = sqlite.prepare('SELECT content_hash FROM attestations ORDER BY id DESC LIMIT 1').get() as { content_hash: string };
    const before = counts();
    await expect(submitAttestation(null, form({ userId: '1' }))).resolves.toMatchObject({ ok: false });
    const submitted = await submitAttestation(null, form());
    expect(counts()).toEqual({ attestations: before.attestations + 1, audit: before.audit + 1 });
    const row = sqlite.prepare('SELECT * FROM attestations ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
    // The answer is the stored record, shown by the form as the receipt: nothing else (no IP address) goes back.
    expect(submitted).toEqual({ ok: true, message: 'Signed and recorded.', receipt: findOwnAttestation(db, { userId: staff.id, attestationId: row.id as number }) });
    expect(submitted?.ok && submitted.receipt).toMatchObject({ id: row.id, contentHash: row.content_hash, prevHash: last.content_hash, supersedesId: null });
    expect(submitted?.ok && submitted.receipt).not.toHaveProperty('ipAddress');
    expect(row).toMatchObject({ user_id: staff.id, campaign_id: currentCampaign, pack_id: 'finance', supersedes_id: null, prev_hash: last.content_hash, submitted_at: now.getTime() });
    // The signature is stored sealed (the retention purge erases it) and reads as typed.
    expect(row.signature_name).not.toContain(staff.name.toUpperCase());
    expect(openPersonalData(db, row)).toMatchObject({ signature_name: staff.name.toUpperCase() });
    expect(submitted?.ok && submitted.receipt).toMatchObject({ signatureName: staff.name.toUpperCase() });
    expect(JSON.parse(row.question_texts as string)).toHaveProperty('business_apps');
    expect(JSON.parse(row.answers as string)).toMatchObject({ chat_backup_personal: false, forwarding_days: 0 });
    expect(findDraft(db, { userId: staff.id, campaignId: currentCampaign })).toBeNull();
    expect(verifyAttestationChain(db)).toMatchObject({ ok: true });
    const audit = sqlite.prepare('SELECT action, actor_id, target_id FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(audit).toEqual({ action: 'attestation.submit', actor_id: staff.id, target_id: String(row.id) });
  });

  it('a correction is a new row superseding the old, which stays untouched', async () => {
    const old = sqlite.prepare('SELECT * FROM attestations WHERE user_id = ? AND campaign_id = ? ORDER BY id DESC LIMIT 1').get(staff.id, currentCampaign) as { id: number };
    vi.setSystemTime(new Date(now.getTime() + 60_000));
    await expect(submitAttestation(null, form({ 'answers.forwarding_days': '2' }))).resolves.toMatchObject({ ok: true, receipt: { supersedesId: old.id } });
    const correction = sqlite.prepare('SELECT * FROM attestations ORDER BY id DESC LIMIT 1').get() as { supersedes_id: number; answers: string };
    expect(correction.supersedes_id).toBe(old.id);
    expect(JSON.parse(correction.answers)).toMatchObject({ forwarding_days: 2 });
    expect(sqlite.prepare('SELECT * FROM attestations WHERE id = ?').get(old.id)).toEqual(old);
    expect(verifyAttestationChain(db)).toMatchObject({ ok: true });
  });
});

describe('receipts', () => {
  it('show a record only to the person who signed it', () => {
    const row = sqlite.prepare('SELECT id FROM attestations WHERE user_id = ? ORDER BY id DESC LIMIT 1').get(staff.id) as { id: number };
    expect(findOwnAttestation(db, { userId: staff.id, attestationId: row.id })).toMatchObject({ id: row.id, signatureName: expect.any(String) });
    const other = (sqlite.prepare('SELECT id FROM users WHERE id <> ? LIMIT 1').get(staff.id) as { id: number }).id;
    expect(findOwnAttestation(db, { userId: other, attestationId: row.id })).toBeNull();
  });
});

describe('the record cannot be altered', () => {
  it('refuses UPDATE and DELETE in the database itself', () => {
    const id = (sqlite.prepare('SELECT id FROM attestations LIMIT 1').get() as { id: number }).id;
    expect(() => sqlite.prepare("UPDATE attestations SET signature_name = 'Someone else' WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM attestations WHERE id = ?').run(id)).toThrow(/append-only/);
  });

  it('detects a record inserted with a forged hash', () => {
    expect(verifyAttestationChain(db)).toMatchObject({ ok: true });
    const context = attestationContext(db, staff, { campaignId: currentCampaign, asOf: now })!;
    const parsed = attestationSubmissionSchema(context.questions, staff.name).parse({
      campaignId: currentCampaign, signatureName: staff.name, confirm: 'on', answers: Object.fromEntries(questions.map((q) => [q.id, validValue(q)])),
    });
    const ok = applyAttestationSubmission(db, staff, context, parsed, { now: new Date(now.getTime() + 120_000) });
    expect(ok.ok).toBe(true);
    sqlite.prepare(`INSERT INTO attestations (user_id, campaign_id, pack_id, pack_version, answers, question_texts, signature_name, submitted_at, content_hash, prev_hash)
      SELECT user_id, campaign_id, pack_id, pack_version, '{"forged":true}', question_texts, signature_name, submitted_at, lower(hex(randomblob(32))), content_hash
      FROM attestations ORDER BY id DESC LIMIT 1`).run();
    const check = verifyAttestationChain(db);
    expect(check.ok).toBe(false);
  });
});
