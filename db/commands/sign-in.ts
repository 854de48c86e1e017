import { eq } from 'drizzle-orm';
import { decideSsoSignIn, ssoEmail, type SsoAccount, type SsoPolicy, type SsoProfile, type SsoRefusal } from '@/lib/auth/sso';
import { appendAuditEntry } from '../audit';
import type { AppDatabase } from '../connection';
import { sealIdentifyingFields } from '../personal-keys';
import { users } from '../schema';
import type { AppTransaction } from '../transaction';
import type { CommandOptions } from './actor';

/** Sign-ins are audited as 'auth.sign_in' and SSO refusals as 'auth.sign_in_refused', both with `method`. */
export const SIGN_IN_ACTION = 'auth.sign_in';
export const SIGN_IN_REFUSED_ACTION = 'auth.sign_in_refused';

/** Records a successful password sign-in in the audit log. */
export function recordPasswordSignIn(db: AppDatabase, { userId }: { userId: number }, { now = new Date() }: CommandOptions = {}): void {
  db.transaction(
    (tx) => appendAuditEntry(tx, { actorId: userId, action: SIGN_IN_ACTION, targetType: 'user', targetId: userId, at: now, summary: { method: 'password' } }),
    { behavior: 'immediate' },
  );
}

export type SsoSignInResult = { ok: true; userId: number } | { ok: false; reason: SsoRefusal };

const accountColumns = { id: users.id, active: users.active, ssoSubject: users.ssoSubject };

function accountBy(tx: AppTransaction, column: typeof users.email | typeof users.ssoSubject, value: string): SsoAccount | null {
  return tx.select(accountColumns).from(users).where(eq(column, value)).get() ?? null;
}

/**
 * Completes an SSO sign-in from the ID token's claims: matches the account by verified, lower-cased e-mail
 * (decideSsoSignIn), records the subject on first use, or creates the person as staff when the policy allows —
 * never with another role. The outcome, refusals included, is audited in the same transaction.
 */
export function completeSsoSignIn(
  db: AppDatabase,
  { profile, issuer, policy }: { profile: SsoProfile; issuer: string; policy: SsoPolicy },
  { now = new Date() }: CommandOptions = {},
): SsoSignInResult {
  return db.transaction(
    (tx): SsoSignInResult => {
      const email = ssoEmail(profile);
      const byEmail = email ? accountBy(tx, users.email, email) : null;
      const bySubject = accountBy(tx, users.ssoSubject, profile.sub);
      const decision = decideSsoSignIn(profile, byEmail, bySubject, policy);
      const claims = { email: decision.email, emailVerified: profile.email_verified === true, subject: profile.sub, issuer };
      // Sealed for the account they name; a refusal that matches no account has no one to seal them for.
      const claimsAbout = (userId: number | null) => (userId === null ? claims : sealIdentifyingFields(tx, userId, claims));
      if (!decision.ok) {
        appendAuditEntry(tx, {
          actorId: decision.accountId, action: SIGN_IN_REFUSED_ACTION, targetType: 'user', targetId: decision.accountId, at: now,
          summary: { method: 'sso', reason: decision.reason, ...claimsAbout(decision.accountId) },
        });
        return { ok: false, reason: decision.reason };
      }
      let userId: number;
      if (decision.kind === 'create') {
        const name = typeof profile.name === 'string' && profile.name.trim() ? profile.name.trim().slice(0, 200) : decision.email.split('@')[0]!;
        // The role is fixed here, whatever the issuer sends: SSO never grants more than the default.
        const created = tx.insert(users).values({ email: decision.email, name, role: 'staff', ssoSubject: profile.sub, createdAt: now }).returning({ id: users.id }).get();
        userId = created.id;
        appendAuditEntry(tx, {
          actorId: userId, action: 'user.create', targetType: 'user', targetId: userId, at: now,
          summary: { via: 'sso', after: sealIdentifyingFields(tx, userId, { email: decision.email, name, role: 'staff', ssoSubject: profile.sub }) },
        });
      } else {
        userId = decision.accountId;
        if (decision.kind === 'link') {
          tx.update(users).set({ ssoSubject: profile.sub }).where(eq(users.id, userId)).run();
          appendAuditEntry(tx, {
            actorId: userId, action: 'user.sso_link', targetType: 'user', targetId: userId, at: now,
            summary: { before: { ssoSubject: null }, after: sealIdentifyingFields(tx, userId, { ssoSubject: profile.sub }), issuer },
          });
        }
      }
      appendAuditEntry(tx, { actorId: userId, action: SIGN_IN_ACTION, targetType: 'user', targetId: userId, at: now, summary: { method: 'sso', ...claimsAbout(userId) } });
      return { ok: true, userId };
    },
    { behavior: 'immediate' },
  );
}
