import Link from 'next/link';

/** Previous / next links and where the reader is, for a list split into pages of a fixed size. */
export function Pager({ page, pageSize, total, hrefFor, noun }: { page: number; pageSize: number; total: number; hrefFor: (page: number) => string; noun: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={`Pages of ${noun}`} className="mt-3 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className="text-indigo-700 underline">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        {first}–{last} of {total} {noun} · page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} className="text-indigo-700 underline">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
