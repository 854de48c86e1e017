import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/db/audit';
import type { AppDatabase } from '@/db/connection';
import { completeSsoSignIn, recordPasswordSignIn } from '@/db/commands/sign-in';
import { openPersonalData } from '@/db/personal-keys';
import { findActiveUserIdBySsoSubject } from '@/db/queries/users';
import type { SsoPolicy } from '@/lib/auth/sso';
import { createSeededDatabase } from '../helpers/database';

const issuer = 'https://idp.northbridge.example';
const strict: SsoPolicy = { trustEmail: false, createUsers: false, allowedDomains: [] };
const now = new Date('2026-11-23T09:00:00Z');

let db: AppDatabase;
beforeEach(() => {
  db = createSeededDatabase();
});

const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const userCount = () => one<{ n: number }>('SELECT count(*) AS n FROM users').n;
const lastAudit = (n = 1) =>
  (db.$client.prepare('SELECT actor_id, action, target_id, summary FROM audit_log ORDER BY id DESC LIMIT ?').all(n) as { actor_id: number | null; action: string; target_id: string | null; summary: string }[])
    .map((row) => ({ ...row, summary: openPersonalData(db, JSON.parse(row.summary) as Record<string, unknown>) }))
    .reverse();
const signIn = (profile: Record<string, unknown>, policy = strict) => completeSsoSignIn(db, { profile: { sub: 'idp-sam', ...profile }, issuer, policy }, { now });

describe('completeSsoSignIn', () => {
  it('links the subject on first sign-in, matches by it afterwards, and audits both', () => {
    const sam = one<{ id: number }>("SELECT id FROM users WHERE email = 'staff@northbridge.example'").id;
    expect(signIn({ email: 'Staff@Northbridge.example', email_verified: true })).toEqual({ ok: true, userId: sam });
    expect(one<{ sso_subject: string }>('SELECT sso_subject FROM users WHERE id = ?', sam).sso_subject).toBe('idp-sam');
    expect(lastAudit(2)).toEqual([
      { actor_id: sam, action: 'user.sso_link', target_id: String(sam), summary: { before: { ssoSubject: null }, after: { ssoSubject: 'idp-sam' }, issuer } },
      { actor_id: sam, action: 'auth.sign_in', target_id: String(sam), summary: { method: 'sso', email: 'staff@northbridge.example', emailVerified: true, subject: 'idp-sam', issuer } },
    ]);
    expect(signIn({ email: 'staff@northbridge.example', email_verified: true })).toEqual({ ok: true, userId: sam });
    expect(lastAudit(2).map((e) => e.action)).toEqual(['auth.sign_in', 'auth.sign_in']);
    expect(findActiveUserIdBySsoSubject(db, { subject: 'idp-sam' })).toBe(sam);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it('refuses an unknown e-mail without creating anyone, and audits the refusal', () => {
    const before = userCount();
    expect(signIn({ email: 'stranger@elsewhere.example', email_verified: true })).toEqual({ ok: false, reason: 'SsoNoAccount' });
    expect(userCount()).toBe(before);
    expect(lastAudit()).toEqual([
      { actor_id: null, action: 'auth.sign_in_refused', target_id: null, summary: { method: 'sso', reason: 'SsoNoAccount', email: 'stranger@elsewhere.example', emailVerified: true, subject: 'idp-sam', issuer } },
    ]);
  });

  it('refuses an unverified e-mail and links nothing', () => {
    const sam = one<{ id: number }>("SELECT id FROM users WHERE email = 'staff@northbridge.example'").id;
    expect(signIn({ email: 'staff@northbridge.example', email_verified: false })).toEqual({ ok: false, reason: 'SsoEmailUnverified' });
    expect(signIn({ email: 'staff@northbridge.example' })).toEqual({ ok: false, reason: 'SsoEmailUnverified' });
    expect(one<{ sso_subject: string | null }>('SELECT sso_subject FROM users WHERE id = ?', sam).sso_subject).toBeNull();
    expect(lastAudit()[0]).toMatchObject({ actor_id: sam, action: 'auth.sign_in_refused', summary: { reason: 'SsoEmailUnverified', emailVerified: false } });
  });

  it('refuses a subject already linked to another person, and a deactivated account', () => {
    expect(signIn({ email: 'staff@northbridge.example', email_verified: true }).ok).toBe(true);
    // The issuer now sends another person's e-mail for the same subject: no takeover.
    expect(signIn({ email: 'manager@northbridge.example', email_verified: true })).toEqual({ ok: false, reason: 'SsoSubjectTaken' });
    // Another subject claims the linked account's e-mail.
    expect(signIn({ sub: 'idp-other', email: 'staff@northbridge.example', email_verified: true })).toEqual({ ok: false, reason: 'SsoSubjectMismatch' });
    db.$client.prepare("UPDATE users SET active = 0 WHERE email = 'manager@northbridge.example'").run();
    expect(signIn({ sub: 'idp-morgan', email: 'manager@northbridge.example', email_verified: true })).toEqual({ ok: false, reason: 'SsoInactive' });
    expect(lastAudit(3).map((e) => e.summary.reason)).toEqual(['SsoSubjectTaken', 'SsoSubjectMismatch', 'SsoInactive']);
  });

  it('creates an unknown person only as staff, only in an allowed domain, whatever the claims say', () => {
    const creating: SsoPolicy = { trustEmail: false, createUsers: true, allowedDomains: ['northbridge.example'] };
    const result = signIn({ sub: 'idp-new', email: 'New.Starter@northbridge.example', email_verified: true, name: 'New Starter', role: 'admin', roles: ['officer'] }, creating);
    expect(result.ok).toBe(true);
    const created = one<{ id: number; email: string; name: string; role: string; password_hash: string | null; sso_subject: string }>(
      "SELECT id, email, name, role, password_hash, sso_subject FROM users WHERE email = 'new.starter@northbridge.example'",
    );
    expect(created).toMatchObject({ name: 'New Starter', role: 'staff', password_hash: null, sso_subject: 'idp-new' });
    expect(result).toEqual({ ok: true, userId: created.id });
    expect(lastAudit(2).map((e) => [e.action, e.actor_id])).toEqual([['user.create', created.id], ['auth.sign_in', created.id]]);
    const before = userCount();
    expect(signIn({ sub: 'idp-gmail', email: 'someone@gmail.example', email_verified: true }, creating)).toEqual({ ok: false, reason: 'SsoNoAccount' });
    expect(userCount()).toBe(before);
  });
});

describe('recordPasswordSignIn', () => {
  it('audits a password sign-in like an SSO one, with its method', () => {
    const officer = one<{ id: number }>("SELECT id FROM users WHERE email = 'officer@northbridge.example'").id;
    recordPasswordSignIn(db, { userId: officer }, { now });
    expect(lastAudit()).toEqual([{ actor_id: officer, action: 'auth.sign_in', target_id: String(officer), summary: { method: 'password' } }]);
  });
});
