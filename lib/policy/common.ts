import { CHAT_BACKUP_QUESTION, CONTACTS_APART_QUESTION } from './common-questions';
import { X1_DEVICE_SECURITY, X4_CHAT_BACKUP, X7_DEVICES_SEEN } from './common-device-rules';
import {
  X2_CONTACT_UPLOAD,
  X3_CHANNEL_ASSESSMENT,
  X5_ATTESTATION_CURRENT,
  X6_ATTESTATION_MATCHES_INVENTORY,
} from './common-record-rules';
import type { Question, Rule } from './types';

/**
 * Rules in every sector's pack, in id order: X1 device security, X2 contact upload, X3 channel assessment,
 * X4 chat backup, X5 attestation current, X6 attestation matches inventory, X7 devices seen recently.
 */
export const COMMON_RULES: readonly Rule[] = [
  X1_DEVICE_SECURITY,
  X2_CONTACT_UPLOAD,
  X3_CHANNEL_ASSESSMENT,
  X4_CHAT_BACKUP,
  X5_ATTESTATION_CURRENT,
  X6_ATTESTATION_MATCHES_INVENTORY,
  X7_DEVICES_SEEN,
];

/**
 * Questions every pack asks last (chat backup, contacts kept apart). Every pack also opens with
 * `businessAppsQuestion` and `unapprovedAppQuestion` from common-questions, tagged with its channel rule.
 */
export const COMMON_CLOSING_QUESTIONS: readonly Question[] = [CHAT_BACKUP_QUESTION, CONTACTS_APART_QUESTION];
