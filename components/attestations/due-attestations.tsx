import Link from 'next/link';
import { formatDate } from '@/lib/format';

/** One campaign the person answers now, and whether (and when) they signed it. */
export interface DueAttestation {
  campaignId: number;
  name: string;
  period: string;
  dueAt: Date;
  submittedAt: Date | null;
}

/** "Due" call to action on My compliance: a link to each open form, worded by urgency, or to correct a signed one. */
export function DueAttestations({ items, asOf }: { items: readonly DueAttestation[]; asOf: Date }) {
  if (items.length === 0) return null;
  return (
    <section aria-label="Due" className="mb-8 space-y-3">
      {items.map((item) => {
        const overdue = item.submittedAt === null && asOf >= item.dueAt;
        const tone = item.submittedAt !== null ? 'border-slate-200 bg-white' : overdue ? 'border-rose-300 bg-rose-50' : 'border-amber-300 bg-amber-50';
        return (
          <div key={item.campaignId} className={`flex flex-wrap items-center justify-between gap-3 rounded-lg border p-4 ${tone}`}>
            <p className="text-sm text-slate-900">
              <span className="font-semibold">{item.name}</span>{' '}
              {item.submittedAt !== null
                ? `— signed ${formatDate(item.submittedAt)}. Something changed? You can submit a correction.`
                : overdue
                  ? `— overdue since ${formatDate(item.dueAt)}. Please complete it now.`
                  : `— due ${formatDate(item.dueAt)}.`}
            </p>
            <Link
              href={`/attest/${item.campaignId}`}
              className={item.submittedAt !== null ? 'text-sm font-medium text-indigo-700 hover:underline' : 'rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800'}
            >
              {item.submittedAt !== null ? `Correct my ${item.period} attestation` : `Complete my ${item.period} attestation`}
            </Link>
          </div>
        );
      })}
    </section>
  );
}
