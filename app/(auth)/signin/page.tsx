import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getSessionUser } from '@/lib/auth/guards';
import { homePathFor } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.role));
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="text-center text-2xl font-bold tracking-tight text-indigo-800">Onchannel</p>
        <p className="mt-1 mb-6 text-center text-sm text-slate-600">Business messaging on approved, recorded channels.</p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <SignInForm />
        </div>
      </div>
    </main>
  );
}
