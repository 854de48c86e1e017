import { COMMON_CLOSING_QUESTIONS, COMMON_RULES } from '../common';
import type { PolicyPack } from '../types';
import {
  BUSINESS_TEXTS_QUESTION,
  CLIENT_INFO_PERSONAL_QUESTION,
  CORRESPONDENCE_REVIEWS_QUESTION,
  FINANCE_BUSINESS_APPS,
  FINANCE_FORWARDING_DAYS,
  FINANCE_RECEIVED_OFF_CHANNEL,
  FINANCE_UNAPPROVED_APP,
  SUPERVISOR_OFF_CHANNEL_QUESTION,
  UNRECORDED_PERSONAL_DEVICE_QUESTION,
} from './finance-questions';
import { FINANCE_RULES } from './finance-rules';

/** Version of the finance pack; attestations are bound to it. Bump when questions or rules change. */
export const FINANCE_PACK_VERSION = '2026.1';

/**
 * Finance pack: SEC / FINRA / CFTC record-keeping and FCA SYSC 10A (F1–F7) plus the every-sector rules
 * (X1–X7). Eleven questions, two of them for supervisors only.
 */
export const FINANCE_PACK: PolicyPack = {
  id: 'finance',
  version: FINANCE_PACK_VERSION,
  title: 'Finance messaging policy',
  questions: [
    FINANCE_BUSINESS_APPS,
    FINANCE_UNAPPROVED_APP,
    FINANCE_RECEIVED_OFF_CHANNEL,
    FINANCE_FORWARDING_DAYS,
    CLIENT_INFO_PERSONAL_QUESTION,
    BUSINESS_TEXTS_QUESTION,
    UNRECORDED_PERSONAL_DEVICE_QUESTION,
    SUPERVISOR_OFF_CHANNEL_QUESTION,
    CORRESPONDENCE_REVIEWS_QUESTION,
    ...COMMON_CLOSING_QUESTIONS,
  ],
  rules: [...FINANCE_RULES, ...COMMON_RULES],
};
