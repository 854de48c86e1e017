import { COMMON_CLOSING_QUESTIONS, COMMON_RULES } from '../common';
import type { PolicyPack } from '../types';
import {
  CLIENT_MATTERS_PERSONAL_QUESTION,
  LAW_BUSINESS_APPS,
  LAW_UNAPPROVED_APP,
  READ_POLICY_QUESTION,
  SENSITIVE_MATTERS_QUESTION,
  UNLISTED_DEVICE_QUESTION,
} from './law-questions';
import { LAW_PACK_VERSION, LAW_RULES } from './law-rules';

export { LAW_PACK_VERSION };

/** Law pack: SRA and ABA confidentiality and records rules (L1–L5) plus the every-sector rules (X1–X7). Eight questions. */
export const LAW_PACK: PolicyPack = {
  id: 'law',
  version: LAW_PACK_VERSION,
  title: 'Law firm messaging policy',
  questions: [
    LAW_BUSINESS_APPS,
    LAW_UNAPPROVED_APP,
    CLIENT_MATTERS_PERSONAL_QUESTION,
    SENSITIVE_MATTERS_QUESTION,
    UNLISTED_DEVICE_QUESTION,
    READ_POLICY_QUESTION,
    ...COMMON_CLOSING_QUESTIONS,
  ],
  rules: [...LAW_RULES, ...COMMON_RULES],
};
