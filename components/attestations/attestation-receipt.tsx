import Link from 'next/link';
import type { Ref } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import type { AttestationReceiptRecord } from '@/db/queries/attestations';
import { formatDateTime } from '@/lib/format';
import type { AnswerValue } from '@/lib/policy/types';

export const RECEIPT_TITLE = 'Attestation receipt';

export const RECEIPT_PATH_PREFIX = '/attest/receipt/';

/** The address of a record's receipt: the form shows it there after signing, and it can be opened again later. */
export const receiptPath = (attestationId: number) => `${RECEIPT_PATH_PREFIX}${attestationId}`;

function showAnswer(value: AnswerValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.join(', ');
  return String(value);
}

/**
 * A signed attestation as stored: what was signed, by whom and when, and its place in the hash chain. Rendered by
 * the receipt page, and by the form straight from the submission's answer (no second request after signing).
 */
export function AttestationReceipt({ record, headingRef }: { record: AttestationReceiptRecord; headingRef?: Ref<HTMLDivElement> }) {
  const answers = record.answers as Record<string, AnswerValue>;
  const texts = record.questionTexts as Record<string, string>;
  return (
    <>
      <div ref={headingRef} tabIndex={-1} className="outline-none">
        <PageHeader title={RECEIPT_TITLE} description={`Your signed ${record.period} attestation. Keep this page's address: the record cannot be changed, only corrected by a new one.`} />
      </div>
      <p role="status" className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        Signed by {record.signatureName} on {formatDateTime(record.submittedAt)}.{record.supersedesId !== null ? ` This corrects record #${record.supersedesId}.` : ''}
      </p>
      <Card title="The record" className="mb-6">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div><dt className="text-slate-600">Campaign</dt><dd className="font-medium">{record.campaignName}</dd></div>
          <div><dt className="text-slate-600">Policy</dt><dd className="font-medium">{record.packId} pack, version {record.packVersion}</dd></div>
          <div><dt className="text-slate-600">Record number</dt><dd className="font-medium">#{record.id}</dd></div>
          <div><dt className="text-slate-600">Status</dt><dd>{record.supersedesId !== null ? <Badge tone="info">Correction</Badge> : <Badge tone="good">Recorded</Badge>}</dd></div>
          <div className="sm:col-span-2"><dt className="text-slate-600">Record hash (SHA-256, chained to the previous record)</dt><dd><code className="break-all text-xs" data-testid="record-hash">{record.contentHash}</code></dd></div>
          <div className="sm:col-span-2"><dt className="text-slate-600">Previous record’s hash</dt><dd><code className="break-all text-xs">{record.prevHash}</code></dd></div>
        </dl>
      </Card>
      <Card title="What you signed" className="mb-6">
        <DataTable caption="Questions and your answers" headers={['Question', 'Your answer']}>
          {Object.entries(texts).map(([id, text]) => (
            <tr key={id}>
              <Cell>{text}</Cell>
              <Cell className="font-medium">{showAnswer(answers[id])}</Cell>
            </tr>
          ))}
        </DataTable>
      </Card>
      <Link href="/my" className="text-sm font-medium text-indigo-700 hover:underline">Back to My compliance</Link>
    </>
  );
}
