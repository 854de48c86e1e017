import { businessAppsQuestion, unapprovedAppQuestion } from '../common-questions';
import type { ChoiceQuestion, YesNoQuestion } from '../types';

/** Law questions that the law rules read. */

/** L1/X6: which apps are used for business messages (multi-choice of messaging apps). */
export const LAW_BUSINESS_APPS = businessAppsQuestion('L1');
/** L1/X6: unapproved app used for client work (compliant: no). */
export const LAW_UNAPPROVED_APP = unapprovedAppQuestion('L1');

/** L1: client matters on personal messaging or email (compliant: no). */
export const CLIENT_MATTERS_PERSONAL_QUESTION: YesNoQuestion = {
  id: 'client_matters_personal_channels',
  type: 'yes_no',
  text: 'This period, have you discussed client matters over personal messaging or personal email?',
  help: 'Client confidentiality: personal channels are outside the firm’s control and its records.',
  ruleIds: ['L1'],
  compliantAnswer: false,
};

/** L3: has read and follows the firm's messaging policy (compliant: yes). */
export const READ_POLICY_QUESTION: YesNoQuestion = {
  id: 'read_messaging_policy',
  type: 'yes_no',
  text: 'Have you read the firm’s current messaging (WhatsApp) policy, and do you follow it?',
  help: 'The SRA found fee-earners using WhatsApp on personal phones without knowing the firm’s policy.',
  ruleIds: ['L3'],
  compliantAnswer: true,
};

/** L4: client data on a device missing from the inventory (compliant: no). */
export const UNLISTED_DEVICE_QUESTION: YesNoQuestion = {
  id: 'unlisted_device_client_data',
  type: 'yes_no',
  text: 'Do you keep client documents or messages on any device not listed on My devices?',
  help: 'Every device holding client data must be encrypted, locked, updated and managed; we can only check listed ones.',
  ruleIds: ['L4', 'X1'],
  compliantAnswer: false,
};

/** Choice values of the sensitive-matters question. */
export const SENSITIVE_CHANNEL = {
  approved: 'approved_encrypted',
  elsewhere: 'sometimes_elsewhere',
  none: 'no_sensitive_matters',
} as const;

/** L5: where highly sensitive matters are discussed. */
export const SENSITIVE_MATTERS_QUESTION: ChoiceQuestion = {
  id: 'sensitive_matters_channel',
  type: 'choice',
  text: 'Where do you discuss highly sensitive matters (e.g. M&A, litigation strategy)?',
  help: 'Sensitive matters need an encrypted channel the firm approves, not just any secure-looking app.',
  ruleIds: ['L5'],
  options: [
    { value: SENSITIVE_CHANNEL.approved, label: 'Only on an approved, encrypted channel (or in person)' },
    { value: SENSITIVE_CHANNEL.elsewhere, label: 'Sometimes on other channels' },
    { value: SENSITIVE_CHANNEL.none, label: 'I do not handle highly sensitive matters' },
  ],
};
