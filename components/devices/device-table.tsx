import { Badge } from '@/components/ui/badge';
import { Cell, DataTable } from '@/components/ui/table';
import type { OwnDevice } from '@/db/queries/devices';
import Link from 'next/link';
import { deviceFreshness, freshnessLabel, STALE_DEVICE_DAYS } from '@/lib/devices/freshness';
import { capitalise, formatDate } from '@/lib/format';
import { MESSAGING_APP_LABELS, OPERATING_SYSTEM_LABELS } from '@/lib/policy/constants';

const DEVICE_SOURCE_LABELS: Record<OwnDevice['source'], string> = {
  manual: 'registered by hand',
  csv: 'from an MDM import',
  api: 'from MDM sync',
  seed: 'from the inventory',
};

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return <Badge tone={value ? 'good' : 'bad'}>{value ? yes : no}</Badge>;
}

function LastSeen({ lastSeenAt, asOf, staleDays }: { lastSeenAt: Date | null; asOf: Date; staleDays: number }) {
  const label = freshnessLabel(deviceFreshness(lastSeenAt, asOf, staleDays));
  return (
    <>
      <div>{formatDate(lastSeenAt)}</div>
      {label ? <Badge tone="warn">{label}</Badge> : null}
    </>
  );
}

/**
 * Devices with their security settings and messaging apps (never content, never other apps). A device not
 * seen for more than `staleDays` (the policy's staleDeviceDays) on `asOf` is flagged "Stale — not seen for N
 * days". With `editHref`, each model links to its edit page.
 */
export function DeviceTable({
  devices,
  caption,
  asOf = new Date(),
  staleDays = STALE_DEVICE_DAYS,
  editHref,
}: {
  devices: readonly OwnDevice[];
  caption: string;
  asOf?: Date;
  staleDays?: number;
  editHref?: (deviceId: number) => string;
}) {
  return (
    <DataTable caption={caption} headers={['Device', 'Ownership', 'OS', 'Security', 'Last seen', 'Messaging apps']}>
      {devices.map((device) => (
        <tr key={device.deviceId}>
          <Cell>
            <div className="font-medium">
              {editHref ? (
                <Link href={editHref(device.deviceId)} className="text-indigo-700 underline" aria-label={`Edit ${device.model}`}>
                  {device.model}
                </Link>
              ) : (
                device.model
              )}
            </div>
            <div className="text-xs text-slate-600">
              {capitalise(device.kind)} · {DEVICE_SOURCE_LABELS[device.source]}
            </div>
          </Cell>
          <Cell>{device.ownership === 'byod' ? 'Personal (BYOD)' : 'Corporate'}</Cell>
          <Cell className="whitespace-nowrap">
            {OPERATING_SYSTEM_LABELS[device.os]} {device.osVersion}
          </Cell>
          <Cell>
            <div className="flex flex-wrap gap-1">
              <YesNo value={device.mdmEnrolled} yes="Managed" no="Not managed" />
              <YesNo value={device.encrypted} yes="Encrypted" no="Not encrypted" />
              <YesNo value={device.passcode} yes="Passcode" no="No passcode" />
            </div>
          </Cell>
          <Cell className="whitespace-nowrap">
            <LastSeen lastSeenAt={device.lastSeenAt} asOf={asOf} staleDays={staleDays} />
          </Cell>
          <Cell>
            {device.apps.length === 0 ? (
              <span className="text-slate-600">None recorded</span>
            ) : (
              <ul className="space-y-0.5">
                {device.apps.map((app) => (
                  <li key={app.app}>
                    <span className="font-medium">{MESSAGING_APP_LABELS[app.app]}</span>
                    {app.appVersion ? <span className="text-slate-600"> {app.appVersion}</span> : null}
                    <span className="text-xs text-slate-600">
                      {' — '}
                      {[
                        app.businessUse ? 'business use' : 'personal use',
                        app.captureEnabled ? 'captured' : null,
                        app.cloudBackup ? 'cloud backup on' : null,
                        app.disappearingMessages ? 'disappearing messages' : null,
                      ]
                        .filter(Boolean)
                        .join(', ')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Cell>
        </tr>
      ))}
    </DataTable>
  );
}
