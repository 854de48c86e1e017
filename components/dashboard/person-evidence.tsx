import { DeviceTable } from '@/components/devices/device-table';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import type { listOwnAttestations } from '@/db/queries/attestations';
import type { OwnDevice } from '@/db/queries/devices';
import { formatDateTime } from '@/lib/format';

/** The records a person's findings rest on: their devices in service and the attestations they signed. */
export function PersonEvidence({
  devices,
  attestations,
  asOf,
  staleDays,
}: {
  devices: readonly OwnDevice[];
  attestations: ReturnType<typeof listOwnAttestations>;
  asOf: Date;
  /** The person's team's staleDeviceDays, so the flag agrees with rule X7. */
  staleDays: number;
}) {
  const superseded = new Set(attestations.map((a) => a.supersedesId).filter((id) => id !== null));
  return (
    <>
      <Card title="Devices" className="mb-8">
        {devices.length === 0 ? (
          <EmptyState title="No devices recorded">Ask the person to register their work devices, or import them from the MDM.</EmptyState>
        ) : (
          <DeviceTable devices={devices} caption="Devices of this person" asOf={asOf} staleDays={staleDays} />
        )}
      </Card>
      <Card title="Attestations" className="mb-8">
        {attestations.length === 0 ? (
          <EmptyState title="No attestation signed yet">A reminder goes out with each campaign; they can sign on My compliance.</EmptyState>
        ) : (
          <DataTable caption="Attestations of this person" headers={['Period', 'Submitted', 'Signed as', 'Policy version', 'Status']}>
            {attestations.map((a) => (
              <tr key={a.id}>
                <Cell className="font-medium">{a.period}</Cell>
                <Cell className="whitespace-nowrap">{formatDateTime(a.submittedAt)}</Cell>
                <Cell>{a.signatureName}</Cell>
                <Cell>{a.packVersion}</Cell>
                <Cell>{superseded.has(a.id) ? <Badge>Superseded</Badge> : <Badge tone="good">In force</Badge>}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
