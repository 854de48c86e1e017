import { describe, expect, it } from 'vitest';
import { decideSsoSignIn, ssoEmail, ssoRefusalMessage, type SsoAccount, type SsoPolicy, type SsoProfile } from '@/lib/auth/sso';

const strict: SsoPolicy = { trustEmail: false, createUsers: false, allowedDomains: [] };
const trusting: SsoPolicy = { ...strict, trustEmail: true };
const creating: SsoPolicy = { ...strict, createUsers: true, allowedDomains: ['northbridge.example'] };

const verified = (email: unknown, sub = 'sub-1'): SsoProfile => ({ sub, email, email_verified: true });
const ann: SsoAccount = { id: 7, active: true, ssoSubject: null };
const annLinked: SsoAccount = { ...ann, ssoSubject: 'sub-1' };
const bob: SsoAccount = { id: 8, active: true, ssoSubject: 'sub-1' };

describe('decideSsoSignIn', () => {
  it.each<[string, SsoProfile, SsoAccount | null, SsoAccount | null, SsoPolicy, string]>([
    ['first SSO sign-in links the subject', verified('Ann@Northbridge.example'), ann, null, strict, 'link'],
    ['later sign-ins match the linked subject', verified('ann@northbridge.example'), annLinked, annLinked, strict, 'match'],
    ['no e-mail claim', { sub: 'sub-1', email_verified: true }, null, null, strict, 'SsoEmailMissing'],
    ['an e-mail that is not an address', verified('ann'), null, null, strict, 'SsoEmailMissing'],
    ['email_verified false', { sub: 'sub-1', email: 'ann@northbridge.example', email_verified: false }, ann, null, strict, 'SsoEmailUnverified'],
    ['email_verified absent', { sub: 'sub-1', email: 'ann@northbridge.example' }, ann, null, strict, 'SsoEmailUnverified'],
    ['email_verified as the string "true" is not true', { sub: 'sub-1', email: 'ann@northbridge.example', email_verified: 'true' }, ann, null, strict, 'SsoEmailUnverified'],
    ['email_verified absent, issuer trusted', { sub: 'sub-1', email: 'ann@northbridge.example' }, ann, null, trusting, 'link'],
    ['email_verified false stays refused… unless trusted', { sub: 'sub-1', email: 'ann@northbridge.example', email_verified: false }, ann, null, trusting, 'link'],
    ['unknown e-mail, creation off', verified('new@northbridge.example'), null, null, strict, 'SsoNoAccount'],
    ['unknown e-mail, creation on, allowed domain', verified('new@northbridge.example'), null, null, creating, 'create'],
    ['unknown e-mail, creation on, other domain', verified('new@gmail.example'), null, null, creating, 'SsoNoAccount'],
    ['unknown e-mail, creation on, look-alike domain', verified('new@evil-northbridge.example'), null, null, creating, 'SsoNoAccount'],
    ['inactive account', verified('ann@northbridge.example'), { ...ann, active: false }, null, strict, 'SsoInactive'],
    ['account linked to another subject', verified('ann@northbridge.example', 'sub-2'), annLinked, null, strict, 'SsoSubjectMismatch'],
    ['subject linked to someone else', verified('ann@northbridge.example'), ann, bob, strict, 'SsoSubjectTaken'],
    ['subject linked to someone else, e-mail unknown, creation on', verified('new@northbridge.example'), null, bob, creating, 'SsoSubjectTaken'],
  ])('%s', (_name, profile, byEmail, bySubject, policy, expected) => {
    const decision = decideSsoSignIn(profile, byEmail, bySubject, policy);
    expect(decision.ok ? decision.kind : decision.reason).toBe(expected);
  });

  it('names the account a refusal concerns, and the lower-cased e-mail', () => {
    expect(decideSsoSignIn(verified('ANN@northbridge.example'), { ...ann, active: false }, null, strict)).toEqual({ ok: false, reason: 'SsoInactive', email: 'ann@northbridge.example', accountId: 7 });
    expect(decideSsoSignIn(verified('ann@northbridge.example'), ann, bob, strict)).toMatchObject({ ok: false, accountId: 8 });
    expect(decideSsoSignIn(verified('ann@northbridge.example'), annLinked, annLinked, strict)).toEqual({ ok: true, kind: 'match', accountId: 7, email: 'ann@northbridge.example' });
  });
});

describe('ssoEmail and ssoRefusalMessage', () => {
  it('lower-cases and trims addresses, refuses the rest', () => {
    expect(ssoEmail(verified('  Ann@Example.COM '))).toBe('ann@example.com');
    expect(ssoEmail(verified(42))).toBeNull();
    expect(ssoEmail(verified('a b@example.com'))).toBeNull();
  });

  it('explains refusals and nothing else', () => {
    expect(ssoRefusalMessage('SsoNoAccount')).toMatch(/no Onchannel account/);
    expect(ssoRefusalMessage('toString')).toBeNull();
    expect(ssoRefusalMessage(undefined)).toBeNull();
  });
});
