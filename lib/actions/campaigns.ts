'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { applyCampaignCreation } from '@/db/commands/campaigns';
import { applyNudge, deliverReminders } from '@/db/commands/reminders';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import { formatDate } from '@/lib/format';
import { appBaseUrl, mailFromEnv } from '@/lib/mail/transport';
import type { FormState } from '@/lib/validation/action-result';
import { createCampaignFromFormData, createCampaignSchema, nudgeSchema } from '@/lib/validation/campaigns';

/** Creates an attestation campaign from the officer's form ('manage:campaigns'); validated; audited. */
export async function createCampaign(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'manage:campaigns',
    schema: () => createCampaignSchema(),
    fromFormData: createCampaignFromFormData,
    run: (actor, data) => {
      const result = applyCampaignCreation(db, actor, data);
      if (!result.ok) return result;
      refreshScoresFrom(data.opensAt);
      revalidatePath('/campaigns', 'layout');
      return { ok: true, message: `Campaign created: ${data.name}, open ${formatDate(data.opensAt)}, due ${formatDate(data.dueAt)}.` };
    },
  });
}

/**
 * Reminds one member of a team the caller may view ('view:team' and in scope) about their open attestation.
 * At most one reminder per person per day; e-mailed when SMTP is configured, always kept in the outbox.
 */
export async function nudgeMember(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'view:team',
    schema: nudgeSchema,
    // Only the two fields: React may add its own hidden inputs to a form bound to a server action.
    fromFormData: (form) => ({ userId: form.get('userId'), campaignId: form.get('campaignId') }),
    run: async (actor, data) => {
      const result = applyNudge(db, actor, data, { baseUrl: appBaseUrl() });
      if (!result.ok) return result;
      const mail = mailFromEnv();
      if (mail) await deliverReminders(db, [result.reminder], mail.transport, mail.from);
      revalidatePath('/campaigns', 'layout');
      return { ok: true, message: `Reminder sent to ${result.reminder.recipient}.` };
    },
  });
}
