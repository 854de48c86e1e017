import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { navigationFor, ROLE_LABELS } from '@/lib/auth/roles';
import type { SessionUser } from '@/db/queries/users';

/** The frame of every signed-in page: product name, the role's navigation, who is signed in. */
export function AppShell({ user, organisationName, children }: { user: SessionUser; organisationName: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="flex items-baseline gap-2">
            <span className="text-lg font-bold tracking-tight text-indigo-800">Onchannel</span>
            <span className="text-sm text-slate-600">{organisationName}</span>
          </Link>
          <nav aria-label="Main" className="order-3 w-full overflow-x-auto">
            <ul className="flex gap-1">
              {navigationFor(user.role).map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="block rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <div className="text-right text-sm leading-tight">
              <div className="font-medium text-slate-900">{user.name}</div>
              <div className="text-slate-600">{ROLE_LABELS[user.role]}</div>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-600">
        <Link href="/privacy" className="underline-offset-2 hover:underline">
          Your data: what Onchannel records and why
        </Link>
      </footer>
    </div>
  );
}
