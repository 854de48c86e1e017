import { describe, expect, it } from 'vitest';
import { teamsNeedingReattestation } from '@/db/queries/reattestation';
import { attestationHash } from '@/lib/audit/hash';
import { getPack } from '@/lib/policy';
import { TEST_AS_OF, createSeededDatabase } from '../helpers/database';

describe('teams needing re-attestation after a pack version change', () => {
  const db = createSeededDatabase();
  const sqlite = db.$client;

  it('are none while everyone answered the version in force', () => {
    expect(teamsNeedingReattestation(db, { asOf: TEST_AS_OF })).toEqual([]);
  });

  it("list the team of a member whose latest answers were bound to an older version, and only that team", () => {
    const member = sqlite
      .prepare(
        `SELECT m.user_id AS userId, m.team_id AS teamId, t.sector FROM team_members m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id
         WHERE m.left_at IS NULL AND u.active = 1 AND t.sector = 'law' ORDER BY m.user_id LIMIT 1`,
      )
      .get() as { userId: number; teamId: number; sector: 'law' };
    const last = sqlite.prepare('SELECT content_hash FROM attestations ORDER BY id DESC LIMIT 1').get() as { content_hash: string };
    const campaign = sqlite.prepare('SELECT id FROM campaigns ORDER BY opens_at DESC LIMIT 1').get() as { id: number };
    const submittedAt = new Date(TEST_AS_OF.getTime() - 60_000);
    const content = { userId: member.userId, campaignId: campaign.id, packId: 'law', packVersion: '2025.4', answers: {}, signatureName: 'X', submittedAt, supersedesId: null };
    sqlite
      .prepare(
        `INSERT INTO attestations (user_id, campaign_id, pack_id, pack_version, answers, question_texts, signature_name, submitted_at, content_hash, prev_hash)
         VALUES (?, ?, 'law', '2025.4', '{}', '{}', 'X', ?, ?, ?)`,
      )
      .run(member.userId, campaign.id, submittedAt.getTime(), attestationHash(last.content_hash, content), last.content_hash);

    const teams = teamsNeedingReattestation(db, { asOf: TEST_AS_OF });
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ teamId: member.teamId, sector: 'law', outdated: 1, currentVersion: getPack('law').version });
    expect(teams[0]!.members).toBeGreaterThan(1);
    // Before that submission, nothing was outdated.
    expect(teamsNeedingReattestation(db, { asOf: new Date(submittedAt.getTime() - 1) })).toEqual([]);
  });
});
