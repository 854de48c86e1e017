'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">The error has been logged. Nothing you entered was saved half-way.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
        Try again
      </button>
    </main>
  );
}
