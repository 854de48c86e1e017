import { MESSAGING_APPS, MESSAGING_APP_LABELS } from './constants';
import type { MultiChoiceQuestion, NumberQuestion, YesNoQuestion } from './types';

/**
 * Questions asked in every sector, and the records-forwarding questions shared by finance and government.
 * Rule checks import these objects so that a reason can quote the question it rests on.
 */

/** Which apps the person uses for business messages (cross-checked against devices by X6). */
export function businessAppsQuestion(channelRuleId: string): MultiChoiceQuestion {
  return {
    id: 'business_apps',
    type: 'multi_choice',
    text: 'Which apps do you use for business messages?',
    help: 'We compare this with the approved list and with the apps recorded on your devices.',
    ruleIds: [channelRuleId, 'X6'],
    options: MESSAGING_APPS.map((value) => ({ value, label: MESSAGING_APP_LABELS[value] })),
  };
}

/** Whether the person used an unapproved app for business this period (compliant answer: no). */
export function unapprovedAppQuestion(channelRuleId: string): YesNoQuestion {
  return {
    id: 'unapproved_app_for_business',
    type: 'yes_no',
    text: 'This period, have you used any app that is not on the approved list for business messages?',
    help: 'Business messages must stay on approved channels so they are kept and can be produced when asked.',
    ruleIds: [channelRuleId, 'X6'],
    compliantAnswer: false,
  };
}

/** Shared: work chats backing up to a personal cloud (X4; compliant answer: no). */
export const CHAT_BACKUP_QUESTION: YesNoQuestion = {
  id: 'chat_backup_personal',
  type: 'yes_no',
  text: 'Do any chats you use for work back up to a personal cloud (iCloud, Google Drive)?',
  help: 'A personal backup is a copy of business messages outside the organisation’s control.',
  ruleIds: ['X4'],
  compliantAnswer: false,
};

/** Shared: business contacts kept apart from apps that upload the address book (X2; compliant: yes). */
export const CONTACTS_APART_QUESTION: YesNoQuestion = {
  id: 'business_contacts_separate',
  type: 'yes_no',
  text: 'Are your work contacts kept out of any address book a chat app uploads (or is contact upload off)?',
  help: 'Chat apps that upload the address book share clients’ numbers with the app’s owner without their consent.',
  ruleIds: ['X2'],
  compliantAnswer: true,
};

/** Finance and government: received business messages on another channel this period (compliant: no). */
export function receivedOffChannelQuestion(ruleIds: readonly string[]): YesNoQuestion {
  return {
    id: 'received_off_channel',
    type: 'yes_no',
    text: 'This period, did anyone send you business messages on a channel that is not approved?',
    help: 'Messages you receive elsewhere still have to reach the official record; the next question asks how fast.',
    ruleIds,
    compliantAnswer: false,
  };
}

/** Finance and government: the longest it took to forward such a message into the record, in days. */
export function forwardingDaysQuestion(ruleIds: readonly string[]): NumberQuestion {
  return {
    id: 'forwarding_days',
    type: 'number',
    text: 'If so, what is the longest it took you to forward one into the official record? (0 if none)',
    help: 'Records must be copied to official systems within a set number of days to be kept and findable.',
    ruleIds,
    min: 0,
    max: 365,
    unit: 'days',
  };
}
