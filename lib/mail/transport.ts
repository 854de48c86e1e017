import nodemailer from 'nodemailer';
import type { EnvVars } from '@/lib/env';

/**
 * The SMTP transport when SMTP_URL is set (e.g. smtp://user:pass@mail.example:587), with MAIL_FROM as the sender
 * (default "Onchannel <no-reply@localhost>"); null when e-mail is not configured (reminders then stay in the outbox).
 */
export function mailFromEnv(env: EnvVars = process.env): { transport: nodemailer.Transporter; from: string } | null {
  if (!env.SMTP_URL) return null;
  return { transport: nodemailer.createTransport(env.SMTP_URL), from: env.MAIL_FROM || 'Onchannel <no-reply@localhost>' };
}

/** The app's public address, for links in e-mails: APP_URL, else NEXTAUTH_URL, else http://localhost:3000. */
export function appBaseUrl(env: EnvVars = process.env): string {
  return env.APP_URL || env.NEXTAUTH_URL || 'http://localhost:3000';
}
