import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SsoSignInButton } from '@/components/auth/sso-sign-in-button';
import { getSessionUser } from '@/lib/auth/guards';
import { homePathFor } from '@/lib/auth/roles';
import { ssoRefusalMessage } from '@/lib/auth/sso';
import { oidcConfig } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** next-auth's own error codes that can reach this page (pages.error), in words. */
const AUTH_ERRORS: Record<string, string> = {
  AccessDenied: 'Single sign-on was refused. Ask your administrator if you should have access.',
  SessionRequired: 'Sign in to continue.',
};
const SSO_FAILED = 'Single sign-on did not complete. Try again, or ask your administrator.';

function errorMessage(code: string | undefined): string | null {
  if (!code || code === 'CredentialsSignin') return null;
  return ssoRefusalMessage(code) ?? AUTH_ERRORS[code] ?? SSO_FAILED;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.role));
  const sso = oidcConfig();
  const { error } = await searchParams;
  const message = errorMessage(Array.isArray(error) ? error[0] : error);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="text-center text-2xl font-bold tracking-tight text-indigo-800">Onchannel</p>
        <p className="mt-1 mb-6 text-center text-sm text-slate-600">Business messaging on approved, recorded channels.</p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          {message ? (
            <p role="alert" data-testid="sign-in-refused" className="mb-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
              {message}
            </p>
          ) : null}
          {sso ? (
            <>
              <SsoSignInButton name={sso.name} />
              <p className="my-4 flex items-center gap-3 text-xs text-slate-600 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
                or with your password
              </p>
            </>
          ) : null}
          <SignInForm />
        </div>
      </div>
    </main>
  );
}
