/**
 * The text of attestation reminders. Pure: no clock, no environment reads; the caller passes the app's URL.
 */

/** Why a reminder is sent. */
export type ReminderKind = 'due_soon' | 'overdue' | 'nudge';

/** Days before the due day from which a "due soon" reminder is sent. */
export const DUE_SOON_DAYS = 7;

/** The address of the form, from the app's public base URL (no trailing slash needed). */
export function attestationLink(baseUrl: string, campaignId: number): string {
  return `${baseUrl.replace(/\/+$/, '')}/attest/${campaignId}`;
}

/** Subject and plain-text body of a reminder to `name` about `campaignName`, due on `dueDay` ('23 Nov 2026'). */
export function reminderMessage({ kind, name, campaignName, dueDay, link, nudgedBy }: {
  kind: ReminderKind;
  name: string;
  campaignName: string;
  dueDay: string;
  link: string;
  nudgedBy?: string;
}): { subject: string; body: string } {
  const subject = kind === 'overdue' ? `Overdue: ${campaignName}` : kind === 'due_soon' ? `Due ${dueDay}: ${campaignName}` : `Reminder from ${nudgedBy ?? 'your manager'}: ${campaignName}`;
  const when = kind === 'overdue' ? `was due on ${dueDay} and is now overdue` : `is due on ${dueDay}`;
  const body = [
    `Hello ${name},`,
    '',
    `Your ${campaignName} ${when}.${kind === 'nudge' ? ` ${nudgedBy ?? 'Your manager'} asked us to remind you.` : ''}`,
    'It takes a few minutes: answer the questions about how you send and receive business messages, then sign with your name.',
    '',
    `Complete it here: ${link}`,
    '',
    'Onchannel',
  ].join('\n');
  return { subject, body };
}
