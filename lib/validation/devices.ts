import { z } from 'zod';
import { DEVICE_KINDS, DEVICE_OWNERSHIPS, MESSAGING_APPS, OPERATING_SYSTEMS } from '@/lib/policy/constants';

/**
 * Validation of the device a member of staff registers or edits, shared by the server actions and the
 * form. BYOD stays narrow: only the device's kind, model, OS, security settings and messaging apps are
 * asked for — never a serial number, phone number or any other app.
 */

/** Per-app settings a person states for each messaging app on their device. */
export const APP_SETTINGS = ['businessUse', 'cloudBackup', 'disappearingMessages', 'captureEnabled', 'contactUpload'] as const;
export type AppSetting = (typeof APP_SETTINGS)[number];

/** How each setting is asked. */
export const APP_SETTING_LABELS: Readonly<Record<AppSetting, string>> = {
  businessUse: 'Used for business',
  cloudBackup: 'Cloud backup on',
  disappearingMessages: 'Disappearing messages on',
  captureEnabled: 'Captured / archived',
  contactUpload: 'Contacts uploaded',
};

const text = (label: string, max: number) =>
  z.string({ error: `Enter the ${label}.` }).trim().min(1, `Enter the ${label}.`).max(max, `Keep the ${label} to ${max} characters.`);

const appSchema = z.strictObject({
  app: z.enum(MESSAGING_APPS, 'Not a messaging app Onchannel knows.'),
  appVersion: z.string().trim().max(40, 'Keep the version to 40 characters.').transform((v) => (v === '' ? null : v)),
  businessUse: z.boolean(),
  cloudBackup: z.boolean(),
  disappearingMessages: z.boolean(),
  captureEnabled: z.boolean(),
  contactUpload: z.boolean(),
});

/** A device as its owner describes it. */
export const ownDeviceSchema = z.strictObject({
  kind: z.enum(DEVICE_KINDS, 'Choose the kind of device.'),
  ownership: z.enum(DEVICE_OWNERSHIPS, 'Say who owns the device.'),
  model: text('model', 100),
  os: z.enum(OPERATING_SYSTEMS, 'Choose the operating system.'),
  osVersion: text('OS version', 30),
  mdmEnrolled: z.boolean(),
  encrypted: z.boolean(),
  passcode: z.boolean(),
  apps: z.array(appSchema).max(MESSAGING_APPS.length),
});
export type OwnDeviceInput = z.output<typeof ownDeviceSchema>;

/** An edit names the device too. */
export const updateOwnDeviceSchema = ownDeviceSchema.extend({ deviceId: z.coerce.number().int().positive('Not a device.') });
export type UpdateOwnDeviceInput = z.output<typeof updateOwnDeviceSchema>;

export const retireOwnDeviceSchema = z.strictObject({ deviceId: z.coerce.number().int().positive('Not a device.') });
export type RetireOwnDeviceInput = z.output<typeof retireOwnDeviceSchema>;

/**
 * The posted form → the object the schemas read. Checkboxes are present ('on') or absent; each app is
 * `app.<id>` with `app.<id>.<setting>` and `app.<id>.version`.
 */
export function ownDeviceFromFormData(form: FormData): Record<string, unknown> {
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const checked = (name: string) => form.get(name) === 'on';
  const raw: Record<string, unknown> = {
    kind: value('kind'),
    ownership: value('ownership'),
    model: value('model'),
    os: value('os'),
    osVersion: value('osVersion'),
    mdmEnrolled: checked('mdmEnrolled'),
    encrypted: checked('encrypted'),
    passcode: checked('passcode'),
    apps: MESSAGING_APPS.filter((app) => checked(`app.${app}`)).map((app) => ({
      app,
      appVersion: value(`app.${app}.version`) ?? '',
      ...Object.fromEntries(APP_SETTINGS.map((s) => [s, checked(`app.${app}.${s}`)])),
    })),
  };
  const deviceId = value('deviceId');
  if (deviceId !== undefined) raw.deviceId = deviceId;
  return raw;
}
