import {
  businessAppsQuestion,
  forwardingDaysQuestion,
  receivedOffChannelQuestion,
  unapprovedAppQuestion,
} from '../common-questions';
import type { YesNoQuestion } from '../types';

/** Finance questions that the finance rules read. */

/** F1/X6: which apps are used for business messages (multi-choice of messaging apps). */
export const FINANCE_BUSINESS_APPS = businessAppsQuestion('F1');
/** F1/X6: unapproved app used for business (compliant: no). */
export const FINANCE_UNAPPROVED_APP = unapprovedAppQuestion('F1');
/** F3: business messages received off-channel (compliant: no). */
export const FINANCE_RECEIVED_OFF_CHANNEL = receivedOffChannelQuestion(['F3']);
/** F3: longest time taken to forward into the archive, in days. */
export const FINANCE_FORWARDING_DAYS = forwardingDaysQuestion(['F3']);

/** F7: client-confidential information over personal messaging (compliant: no). */
export const CLIENT_INFO_PERSONAL_QUESTION: YesNoQuestion = {
  id: 'client_info_personal_channels',
  type: 'yes_no',
  text: 'This period, have you shared client-confidential information over personal messaging, text or email?',
  help: 'Client information sent on personal channels leaves the firm’s control; the FCA has banned people for it.',
  ruleIds: ['F7'],
  compliantAnswer: false,
};

/** F5: business text messages (compliant: no, unless texts are a captured channel). */
export const BUSINESS_TEXTS_QUESTION: YesNoQuestion = {
  id: 'business_texts',
  type: 'yes_no',
  text: 'Do you send or receive business text messages (SMS or iMessage)?',
  help: 'Swap dealers and futures firms must keep all written communications, text messages included.',
  ruleIds: ['F5'],
  compliantAnswer: false,
};

/** F6: trading or client conversations on a personal device the firm cannot record (compliant: no). */
export const UNRECORDED_PERSONAL_DEVICE_QUESTION: YesNoQuestion = {
  id: 'personal_device_unrecorded',
  type: 'yes_no',
  text: 'Have you discussed trades or client orders on a personal device the firm cannot record?',
  help: 'Under MiFID the firm must record these conversations; private equipment it cannot record is not allowed.',
  ruleIds: ['F6'],
  compliantAnswer: false,
};

/** F4 (supervisors): their own off-channel use (compliant: no). */
export const SUPERVISOR_OFF_CHANNEL_QUESTION: YesNoQuestion = {
  id: 'supervisor_off_channel_use',
  type: 'yes_no',
  text: 'As a supervisor, have you yourself used an unapproved channel for business this period?',
  help: 'Regulators treat a supervisor’s own off-channel use as an aggravating factor.',
  ruleIds: ['F4'],
  supervisorsOnly: true,
  compliantAnswer: false,
};

/** F4 (supervisors): documented correspondence reviews (compliant: yes). */
export const CORRESPONDENCE_REVIEWS_QUESTION: YesNoQuestion = {
  id: 'correspondence_reviews_documented',
  type: 'yes_no',
  text: 'Have you documented this period’s reviews of your team’s business correspondence?',
  help: 'FINRA requires supervisors to review correspondence and keep evidence that they did.',
  ruleIds: ['F4'],
  supervisorsOnly: true,
  compliantAnswer: true,
};
