import {
  businessAppsQuestion,
  forwardingDaysQuestion,
  receivedOffChannelQuestion,
  unapprovedAppQuestion,
} from '../common-questions';
import type { TextQuestion, YesNoQuestion } from '../types';

/** Government questions that the government rules read. */

/** G1/X6: which apps are used for business messages (multi-choice of messaging apps). */
export const GOVERNMENT_BUSINESS_APPS = businessAppsQuestion('G1');
/** G1/X6: non-corporate (unapproved) app used for business (compliant: no). */
export const GOVERNMENT_UNAPPROVED_APP = unapprovedAppQuestion('G1');
/** G4/G7: official messages received on non-corporate channels (compliant: no). */
export const GOVERNMENT_RECEIVED_OFF_CHANNEL = receivedOffChannelQuestion(['G4', 'G7']);
/** G4/G7: longest time taken to copy into official systems, in days. */
export const GOVERNMENT_FORWARDING_DAYS = forwardingDaysQuestion(['G4', 'G7']);

/** G1: why a non-corporate channel was needed (blank when none was used). */
export const NCCC_JUSTIFICATION_QUESTION: TextQuestion = {
  id: 'nccc_justification',
  type: 'text',
  text: 'If you used a non-corporate channel, why was it needed?',
  help: 'Government business belongs on corporate systems; any exception must have a reason on record.',
  ruleIds: ['G1'],
  maxLength: 500,
  optional: true,
};

/** G2: SECRET or TOP SECRET information on a non-corporate channel (compliant: no). */
export const CLASSIFIED_QUESTION: YesNoQuestion = {
  id: 'classified_on_nccc',
  type: 'yes_no',
  text: 'Have you ever sent SECRET or TOP SECRET information over a non-corporate channel?',
  help: 'Classified information must never leave accredited systems.',
  ruleIds: ['G2'],
  compliantAnswer: false,
};

/** G3: significant government information on a privately owned device (compliant: no). */
export const PRIVATE_DEVICE_QUESTION: YesNoQuestion = {
  id: 'private_device_significant_info',
  type: 'yes_no',
  text: 'Have you handled significant government information on a privately owned device?',
  help: 'Private devices may be used for significant information only exceptionally, with approval.',
  ruleIds: ['G3'],
  compliantAnswer: false,
};

/** G5: disappearing messages in chats used for official business (compliant: no). */
export const DISAPPEARING_QUESTION: YesNoQuestion = {
  id: 'disappearing_messages_used',
  type: 'yes_no',
  text: 'Are disappearing or auto-delete messages on in any chat you use for official business?',
  help: 'Auto-deleted messages cannot be kept as records or released under FOI.',
  ruleIds: ['G5'],
  compliantAnswer: false,
};

/** G6: deletion after an FOI request covered the information (compliant: no). */
export const FOI_DELETION_QUESTION: YesNoQuestion = {
  id: 'deleted_under_foi_hold',
  type: 'yes_no',
  text: 'Have you deleted or changed any message after learning that an FOI request covered it?',
  help: 'Once requested, information must be kept: altering or destroying it is a criminal offence.',
  ruleIds: ['G6'],
  compliantAnswer: false,
};
