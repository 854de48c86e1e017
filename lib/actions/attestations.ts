'use server';

import { headers } from 'next/headers';
import { db } from '@/db';
import { applyAttestationSubmission, attestationContext, CAMPAIGN_NOT_OPEN, saveAttestationDraft } from '@/db/commands/attestations';
import { findOwnAttestation, type AttestationReceiptRecord } from '@/db/queries/attestations';
import { whenWritable } from '@/db/transaction';
import { scheduleScoreRefresh } from '@/lib/actions/score-refresh';
import { authorize, NOT_A_FORM, validateInput } from '@/lib/auth/action-guard';
import { clientAddressOfRequest } from '@/lib/auth/client-address';
import { getSessionUser } from '@/lib/auth/guards';
import { formatDateTime } from '@/lib/format';
import type { ActionResult, FormState } from '@/lib/validation/action-result';
import { attestationFromFormData, attestationSubmissionSchema, draftAnswersFromFormData } from '@/lib/validation/attestations';

/** The campaign id posted by the form, or null when it is not a positive integer. */
function postedCampaignId(form: FormData): number | null {
  const value = Number(form.get('campaignId'));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The signer's address (the socket's peer, or behind TRUSTED_PROXY_HOPS proxies the entry the nearest untrusted
 * hop wrote: not whatever the client put in X-Forwarded-For) and user agent, recorded with the signature.
 */
async function requestFacts(): Promise<{ ipAddress: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ipAddress: clientAddressOfRequest(h), userAgent: h.get('user-agent') };
}

/** The submission's answer: the stored record, which the form shows as the receipt at the receipt's address. */
export type SubmissionState = ActionResult<{ message: string; receipt: AttestationReceiptRecord }> | null;

/**
 * Signs and records the signed-in person's attestation ('view:own'). The campaign must be open to their team;
 * the answers are validated against the questions of their pack; the typed name must be theirs. On success the
 * scores are marked for recomputation and the stored record comes back as the receipt; on failure nothing is
 * stored. No redirect: the form shows the receipt from this answer, which saves the server rendering the receipt
 * page in a second request at every submission (half the cost of a campaign's rush of submissions).
 */
export async function submitAttestation(_previous: SubmissionState, form: FormData): Promise<SubmissionState> {
  const access = authorize(await getSessionUser(), 'view:own');
  if (!access.ok) return access;
  if (!(form instanceof FormData)) return { ok: false, error: NOT_A_FORM };
  const person = access.user;
  const now = new Date();
  const campaignId = postedCampaignId(form);
  const context = campaignId === null ? null : attestationContext(db, person, { campaignId, asOf: now });
  if (!context) return { ok: false, error: CAMPAIGN_NOT_OPEN };
  const valid = validateInput(attestationSubmissionSchema(context.questions, person.name), attestationFromFormData(form, context.questions));
  if (!valid.ok) return valid;
  const facts = await requestFacts();
  const result = await whenWritable(db, () => applyAttestationSubmission(db, person, context, valid.data, { now, ...facts }));
  if (!result.ok) return result;
  scheduleScoreRefresh(result.submittedAt);
  const receipt = findOwnAttestation(db, { userId: person.id, attestationId: result.attestationId })!;
  return { ok: true, message: 'Signed and recorded.', receipt };
}

/** Keeps the signed-in person's unfinished answers for a campaign open to them ('view:own'). Not a record. */
export async function saveDraft(_previous: FormState, form: FormData): Promise<FormState> {
  const access = authorize(await getSessionUser(), 'view:own');
  if (!access.ok) return access;
  if (!(form instanceof FormData)) return { ok: false, error: NOT_A_FORM };
  const campaignId = postedCampaignId(form);
  const now = new Date();
  const context = campaignId === null ? null : attestationContext(db, access.user, { campaignId, asOf: now });
  if (!context) return { ok: false, error: CAMPAIGN_NOT_OPEN };
  const saved = saveAttestationDraft(db, access.user, { campaignId: context.campaign.id, answers: draftAnswersFromFormData(form, context.questions) }, { now });
  return { ok: true, message: `Draft saved ${formatDateTime(saved.savedAt)}. It is not signed until you submit.` };
}
