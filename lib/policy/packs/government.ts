import { COMMON_CLOSING_QUESTIONS, COMMON_RULES } from '../common';
import type { PolicyPack } from '../types';
import {
  CLASSIFIED_QUESTION,
  DISAPPEARING_QUESTION,
  FOI_DELETION_QUESTION,
  GOVERNMENT_BUSINESS_APPS,
  GOVERNMENT_FORWARDING_DAYS,
  GOVERNMENT_RECEIVED_OFF_CHANNEL,
  GOVERNMENT_UNAPPROVED_APP,
  NCCC_JUSTIFICATION_QUESTION,
  PRIVATE_DEVICE_QUESTION,
} from './government-questions';
import { GOVERNMENT_RULES } from './government-rules';

/** Version of the government pack; attestations are bound to it. */
export const GOVERNMENT_PACK_VERSION = '2026.1';

/**
 * Government pack: UK NCCC guidance, FOIA and US federal records law (G1–G7) plus the every-sector rules
 * (X1–X7). Eleven questions.
 */
export const GOVERNMENT_PACK: PolicyPack = {
  id: 'government',
  version: GOVERNMENT_PACK_VERSION,
  title: 'Government messaging policy',
  questions: [
    GOVERNMENT_BUSINESS_APPS,
    GOVERNMENT_UNAPPROVED_APP,
    NCCC_JUSTIFICATION_QUESTION,
    GOVERNMENT_RECEIVED_OFF_CHANNEL,
    GOVERNMENT_FORWARDING_DAYS,
    DISAPPEARING_QUESTION,
    PRIVATE_DEVICE_QUESTION,
    CLASSIFIED_QUESTION,
    FOI_DELETION_QUESTION,
    ...COMMON_CLOSING_QUESTIONS,
  ],
  rules: [...GOVERNMENT_RULES, ...COMMON_RULES],
};
