import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AttestationReceipt, RECEIPT_TITLE } from '@/components/attestations/attestation-receipt';
import { db } from '@/db';
import { findOwnAttestation } from '@/db/queries/attestations';
import { requireCapability } from '@/lib/auth/guards';

export const metadata: Metadata = { title: RECEIPT_TITLE };

export default async function ReceiptPage({ params }: { params: Promise<{ attestationId: string }> }) {
  const user = await requireCapability('view:own');
  const attestationId = Number((await params).attestationId);
  if (!Number.isInteger(attestationId) || attestationId <= 0) notFound();
  const record = findOwnAttestation(db, { userId: user.id, attestationId });
  if (!record) notFound();
  return <AttestationReceipt record={record} />;
}
