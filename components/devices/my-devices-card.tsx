import Link from 'next/link';
import { Card, EmptyState } from '@/components/ui/card';
import type { OwnDevice } from '@/db/queries/devices';
import { DeviceTable } from './device-table';

/** "My devices" on My compliance: the person's devices, flagged when stale, with register and edit links. */
export function MyDevicesCard({ devices, asOf, staleDays }: { devices: readonly OwnDevice[]; asOf: Date; staleDays: number }) {
  return (
    <Card title="My devices" className="mb-8">
      <p className="mb-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span>Select a device to update its settings or retire it. A device not seen for {staleDays} days is stale.</span>
        <Link href="/my/devices/new" className="rounded-md bg-indigo-700 px-3 py-1.5 font-semibold text-white hover:bg-indigo-800">
          Register a device
        </Link>
      </p>
      {devices.length === 0 ? (
        <EmptyState title="No devices recorded for you">Devices appear here when you register them or your IT team imports them.</EmptyState>
      ) : (
        <DeviceTable devices={devices} caption="My devices" asOf={asOf} staleDays={staleDays} editHref={(id) => `/my/devices/${id}`} />
      )}
    </Card>
  );
}
