import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AttestationForm, type FormValues } from '@/components/attestations/attestation-form';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { attestationContext } from '@/db/commands/attestations';
import { findDraft, findLatestAttestation } from '@/db/queries/attestations';
import { requireCapability } from '@/lib/auth/guards';
import { formatDate, formatDateTime } from '@/lib/format';
import { findRule } from '@/lib/policy';
import type { Answers } from '@/lib/policy/types';

export const metadata: Metadata = { title: 'Attestation' };

/** A stored answer as the form posts it, so that a correction starts from what was signed. */
function toFormValues(answers: Answers): FormValues {
  return Object.fromEntries(
    Object.entries(answers).map(([id, value]) => [id, typeof value === 'boolean' ? (value ? 'yes' : 'no') : Array.isArray(value) ? value : String(value)]),
  );
}

export default async function AttestPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await requireCapability('view:own');
  const campaignId = Number((await params).campaignId);
  if (!Number.isInteger(campaignId) || campaignId <= 0) notFound();
  const now = new Date();
  const context = attestationContext(db, user, { campaignId, asOf: now });
  if (!context) notFound();
  const draft = findDraft(db, { userId: user.id, campaignId });
  const previous = findLatestAttestation(db, { userId: user.id, campaignId });
  const values: FormValues = draft?.answers ?? (previous ? toFormValues(previous.answers as Answers) : {});
  const questions = context.questions.map((question) => ({
    question,
    rules: question.ruleIds.map((id) => ({ id, title: findRule(id, context.pack.id)?.title ?? id })),
  }));
  const late = now >= context.campaign.dueAt;

  const intro = (
    <>
      <PageHeader
        title={`${context.campaign.period} attestation`}
        description={`${context.campaign.name}. Answer for yourself, about how you sent and received business messages this period. ${context.pack.title}, version ${context.pack.version}.`}
      />
      <div className="mb-6 flex flex-wrap gap-2 text-sm">
        {late ? <Badge tone="bad">Overdue since {formatDate(context.campaign.dueAt)}: late submissions are still accepted</Badge> : <Badge tone="warn">Due {formatDate(context.campaign.dueAt)}</Badge>}
        {previous ? <Badge tone="info">You signed this on {formatDateTime(previous.submittedAt)}: submitting again records a correction</Badge> : null}
        {draft ? <Badge>Draft saved {formatDateTime(draft.updatedAt)}</Badge> : null}
      </div>
    </>
  );
  return <AttestationForm intro={intro} campaignId={campaignId} questions={questions} values={values} personName={user.name} />;
}
