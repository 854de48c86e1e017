/**
 * The Onchannel device template: the generic CSV format's columns, in order, with example rows.
 * Flags are true/false; apps and the apps_* columns list app ids separated by semicolons.
 */

/** Columns of the generic template, in order. */
export const TEMPLATE_HEADERS = [
  'owner_email',
  'external_id',
  'model',
  'kind',
  'ownership',
  'os',
  'os_version',
  'mdm_enrolled',
  'encrypted',
  'passcode',
  'last_seen_at',
  'apps',
  'apps_business_use',
  'apps_cloud_backup',
  'apps_disappearing_messages',
  'apps_capture_enabled',
  'apps_contact_upload',
] as const;

/** Header and example rows of the template (example.com owners: they match nobody). */
export function templateRows(): { headers: string[]; rows: string[][] } {
  return {
    headers: [...TEMPLATE_HEADERS],
    rows: [
      ['jane.doe@example.com', 'C02XK1JHJG5H', 'iPhone 15', 'phone', 'corporate', 'ios', '18.1', 'true', 'true', 'true', '2026-11-20T08:15:00Z', 'whatsapp_business;teams', 'whatsapp_business;teams', '', '', 'whatsapp_business;teams', ''],
      ['john.roe@example.com', 'R58N12ABCDE', 'Galaxy S24', 'phone', 'byod', 'android', '14', 'false', 'true', 'true', '2026-11-19', 'whatsapp;signal', 'whatsapp', 'whatsapp', 'signal', '', 'whatsapp'],
    ],
  };
}
