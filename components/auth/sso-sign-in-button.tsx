'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { SSO_PROVIDER_ID } from '@/lib/auth/sso';

/** Starts the OpenID Connect sign-in: the browser goes to the identity provider and comes back signed in. */
export function SsoSignInButton({ name }: { name: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn(SSO_PROVIDER_ID, { callbackUrl: '/' });
      }}
      className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-900 shadow-sm hover:bg-slate-50 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700 disabled:opacity-60"
    >
      {pending ? 'Redirecting…' : `Sign in with ${name}`}
    </button>
  );
}
