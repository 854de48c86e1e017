import { EmptyState, Stat } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import type { DevicePosture } from '@/db/queries/device-posture';
import { formatShare } from '@/lib/format';
import { MESSAGING_APP_LABELS } from '@/lib/policy/constants';

/** Devices in view: unmanaged, stale, attestation contradictions (X6), and each messaging app with where it is backed up. */
export function DevicePostureSection({ posture, contradictions }: { posture: DevicePosture; contradictions: number }) {
  if (posture.devices === 0) {
    return <EmptyState title="No devices recorded for these teams">Import an MDM export or ask people to register their work devices on My compliance.</EmptyState>;
  }
  return (
    <>
      <dl className="mb-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Devices in service" value={posture.devices} />
        <Stat label="Not managed (no MDM)" value={formatShare(posture.unmanaged, posture.devices)} />
        <Stat label="Stale records" value={formatShare(posture.stale, posture.devices)} detail={`Not seen for more than ${posture.staleAfterDays} days`} />
        <Stat label="Attestation contradicts devices" value={contradictions} detail="People failing X6 today" />
      </dl>
      {posture.apps.length === 0 ? (
        <EmptyState title="No messaging apps recorded">The devices shown list no messaging apps.</EmptyState>
      ) : (
        <DataTable caption="Messaging apps on devices" headers={['App', 'Devices', 'On personal devices', 'Cloud backup on', 'Used for business']}>
          {posture.apps.map((app) => (
            <tr key={app.app}>
              <Cell className="font-medium">{MESSAGING_APP_LABELS[app.app]}</Cell>
              <Cell className="tabular-nums">{app.devices}</Cell>
              <Cell className="tabular-nums">{formatShare(app.personal, app.devices)}</Cell>
              <Cell className="tabular-nums">{formatShare(app.cloudBackup, app.devices)}</Cell>
              <Cell className="tabular-nums">{formatShare(app.businessUse, app.devices)}</Cell>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
