/**
 * Who a single sign-on identity is, decided from the issuer's claims and the accounts they match. Pure: the
 * caller loads the accounts and writes the outcome (db/commands/sign-in.ts).
 */

/** The claims of an OpenID Connect ID token that sign-in reads. */
export interface SsoProfile {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

/** An account as the decision needs it. */
export interface SsoAccount {
  id: number;
  active: boolean;
  ssoSubject: string | null;
}

export interface SsoPolicy {
  /** Accept the e-mail without `email_verified: true` (for issuers that never send the claim). */
  trustEmail: boolean;
  /** Create unknown people (as staff) whose e-mail domain is in `allowedDomains`. */
  createUsers: boolean;
  allowedDomains: readonly string[];
}

/** Why an SSO sign-in was refused; also the `error` query parameter the sign-in page explains. */
export const SSO_REFUSALS = ['SsoEmailMissing', 'SsoEmailUnverified', 'SsoNoAccount', 'SsoInactive', 'SsoSubjectMismatch', 'SsoSubjectTaken'] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/** What the sign-in page says for each refusal: what happened and what to do. */
export const SSO_REFUSAL_MESSAGES: Readonly<Record<SsoRefusal, string>> = {
  SsoEmailMissing: 'Your identity provider did not send an e-mail address, so Onchannel cannot tell which account is yours. Ask your administrator.',
  SsoEmailUnverified: 'Your identity provider has not verified your e-mail address. Verify it there, or ask your administrator.',
  SsoNoAccount: 'There is no Onchannel account for the e-mail address your identity provider sent. Ask an administrator to add you.',
  SsoInactive: 'Your Onchannel account is deactivated. Ask an administrator if you need access again.',
  SsoSubjectMismatch: 'Your Onchannel account is linked to a different single sign-on identity. Ask an administrator to check it.',
  SsoSubjectTaken: 'This single sign-on identity is already linked to another Onchannel account. Ask an administrator to check it.',
};

/**
 * The outcome: sign in an existing account (`link` when its SSO subject is recorded now), create a staff account,
 * or refuse with a reason. `email` is the lower-cased address the decision used (null when missing).
 */
export type SsoDecision =
  | { ok: true; kind: 'match' | 'link'; accountId: number; email: string }
  | { ok: true; kind: 'create'; email: string }
  | { ok: false; reason: SsoRefusal; email: string | null; accountId: number | null };

/** The lower-cased e-mail of a profile, or null when absent or not an address. */
export function ssoEmail(profile: SsoProfile): string | null {
  if (typeof profile.email !== 'string') return null;
  const email = profile.email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

/**
 * Decides an SSO sign-in. `byEmail` is the account with the profile's lower-cased e-mail, `bySubject` the account
 * already linked to its subject (either may be null). In order: an e-mail must be present and verified
 * (`email_verified === true`, or `trustEmail`); a subject linked to someone else is refused; an unknown e-mail is
 * refused unless creation is on and its domain allowed; an inactive account is refused; an account linked to
 * another subject is refused (a changed e-mail at the issuer must not take over someone's account).
 */
export function decideSsoSignIn(profile: SsoProfile, byEmail: SsoAccount | null, bySubject: SsoAccount | null, policy: SsoPolicy): SsoDecision {
  const email = ssoEmail(profile);
  const refuse = (reason: SsoRefusal, account: SsoAccount | null = byEmail): SsoDecision => ({ ok: false, reason, email, accountId: account?.id ?? null });
  if (email === null) return refuse('SsoEmailMissing', null);
  if (profile.email_verified !== true && !policy.trustEmail) return refuse('SsoEmailUnverified');
  if (bySubject && bySubject.id !== byEmail?.id) return refuse('SsoSubjectTaken', bySubject);
  if (!byEmail) {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    return policy.createUsers && policy.allowedDomains.includes(domain) ? { ok: true, kind: 'create', email } : refuse('SsoNoAccount', null);
  }
  if (!byEmail.active) return refuse('SsoInactive');
  if (byEmail.ssoSubject !== null && byEmail.ssoSubject !== profile.sub) return refuse('SsoSubjectMismatch');
  return { ok: true, kind: byEmail.ssoSubject === null ? 'link' : 'match', accountId: byEmail.id, email };
}

/** The message for a sign-in page `error` parameter, or null when it is not an SSO refusal. */
export function ssoRefusalMessage(code: string | undefined): string | null {
  return code && (SSO_REFUSALS as readonly string[]).includes(code) ? SSO_REFUSAL_MESSAGES[code as SsoRefusal] : null;
}

/** next-auth's id of the OpenID Connect provider: the callback URL to register is `<NEXTAUTH_URL>/api/auth/callback/oidc`. */
export const SSO_PROVIDER_ID = 'oidc';
