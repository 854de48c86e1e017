'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Field, FormAlert, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { registerDevice, updateDevice } from '@/lib/actions/devices';
import { DEVICE_KINDS, MESSAGING_APPS, MESSAGING_APP_LABELS, OPERATING_SYSTEMS, OPERATING_SYSTEM_LABELS, type DeviceKind, type DeviceOwnership, type MessagingApp, type OperatingSystem } from '@/lib/policy/constants';
import { firstError } from '@/lib/validation/action-result';
import { APP_SETTINGS, APP_SETTING_LABELS, type AppSetting } from '@/lib/validation/devices';

/** What the form starts from: empty for a new device, the current version for an edit. */
export interface OwnDeviceDefaults {
  deviceId?: number;
  kind: DeviceKind | '';
  ownership: DeviceOwnership | '';
  model: string;
  os: OperatingSystem | '';
  osVersion: string;
  mdmEnrolled: boolean;
  encrypted: boolean;
  passcode: boolean;
  apps: readonly ({ app: MessagingApp; appVersion: string | null } & Record<AppSetting, boolean>)[];
}

const KIND_LABELS: Record<DeviceKind, string> = { phone: 'Phone', tablet: 'Tablet', laptop: 'Laptop', desktop: 'Desktop' };

function Check({ name, label, defaultChecked, hint }: { name: string; label: string; defaultChecked: boolean; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm text-slate-800">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="mt-0.5" />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-600">{hint}</span> : null}
      </span>
    </label>
  );
}

/**
 * Registers or edits one of the signed-in person's devices: what it is, its security settings and, for
 * each messaging app on it, how that app is set up. Nothing else about a personal device is asked.
 */
export function OwnDeviceForm({ defaults }: { defaults: OwnDeviceDefaults }) {
  const editing = defaults.deviceId !== undefined;
  const { state, pending, formProps } = useActionForm(editing ? updateDevice : registerDevice);
  const error = (field: string) => firstError(state, field);
  const [installed, setInstalled] = useState<ReadonlySet<MessagingApp>>(new Set(defaults.apps.map((a) => a.app)));
  const appDefaults = (app: MessagingApp) => defaults.apps.find((a) => a.app === app);

  return (
    <form {...formProps} className="space-y-6" noValidate aria-label={editing ? 'Edit device' : 'Register a device'}>
      {editing ? <input type="hidden" name="deviceId" value={defaults.deviceId} /> : null}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">The device</legend>
        <Field id="device-kind" label="Kind" error={error('kind')}>
          {(a) => (
            <select {...a} name="kind" defaultValue={defaults.kind} required className={INPUT_CLASS}>
              <option value="">Choose…</option>
              {DEVICE_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
            </select>
          )}
        </Field>
        <Field id="device-ownership" label="Who owns it" error={error('ownership')}>
          {(a) => (
            <select {...a} name="ownership" defaultValue={defaults.ownership} required className={INPUT_CLASS}>
              <option value="">Choose…</option>
              <option value="corporate">The firm (corporate)</option>
              <option value="byod">Me (personal device, BYOD)</option>
            </select>
          )}
        </Field>
        <Field id="device-model" label="Model" hint="For example iPhone 15 or Pixel 8." error={error('model')}>
          {(a) => <input {...a} name="model" defaultValue={defaults.model} required maxLength={100} className={INPUT_CLASS} />}
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id="device-os" label="Operating system" error={error('os')}>
            {(a) => (
              <select {...a} name="os" defaultValue={defaults.os} required className={INPUT_CLASS}>
                <option value="">Choose…</option>
                {OPERATING_SYSTEMS.map((os) => <option key={os} value={os}>{OPERATING_SYSTEM_LABELS[os]}</option>)}
              </select>
            )}
          </Field>
          <Field id="device-os-version" label="OS version" error={error('osVersion')}>
            {(a) => <input {...a} name="osVersion" defaultValue={defaults.osVersion} required maxLength={30} className={INPUT_CLASS} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Security settings</legend>
        <Check name="passcode" label="A passcode, PIN or biometric lock is set" defaultChecked={defaults.passcode} />
        <Check name="encrypted" label="Storage is encrypted" hint="Phones with a passcode are encrypted; on laptops, FileVault or BitLocker is on." defaultChecked={defaults.encrypted} />
        <Check name="mdmEnrolled" label="Enrolled in the firm’s device management (MDM)" defaultChecked={defaults.mdmEnrolled} />
      </fieldset>

      <fieldset>
        <legend className="mb-1 text-sm font-semibold text-slate-900">Messaging apps on this device</legend>
        <p className="mb-3 text-xs text-slate-600">Only messaging apps are recorded — never other apps, and never what you write.</p>
        <div className="space-y-3">
          {MESSAGING_APPS.map((app) => {
            const current = appDefaults(app);
            const on = installed.has(app);
            return (
              <div key={app} className="rounded-md border border-slate-200 p-3">
                <label className="flex items-center gap-2 text-sm font-medium text-slate-900">
                  <input
                    type="checkbox"
                    name={`app.${app}`}
                    checked={on}
                    onChange={(e) => setInstalled((s) => { const next = new Set(s); if (e.target.checked) next.add(app); else next.delete(app); return next; })}
                  />
                  {MESSAGING_APP_LABELS[app]}
                </label>
                {on ? (
                  <div className="mt-2 grid gap-2 pl-6 sm:grid-cols-3">
                    {APP_SETTINGS.map((s) => (
                      <Check key={s} name={`app.${app}.${s}`} label={APP_SETTING_LABELS[s]} defaultChecked={current?.[s] ?? false} />
                    ))}
                    <Field id={`app-${app}-version`} label="App version (optional)">
                      {(a) => <input {...a} name={`app.${app}.version`} defaultValue={current?.appVersion ?? ''} maxLength={40} className={INPUT_CLASS} />}
                    </Field>
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>

      <FormAlert state={state} />
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>{editing ? 'Save changes' : 'Register device'}</SubmitButton>
        <Link href="/my" className="text-sm text-indigo-700 underline">Back to My compliance</Link>
      </div>
    </form>
  );
}
