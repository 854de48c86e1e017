import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OwnDeviceForm } from '@/components/devices/own-device-form';
import { RetireDeviceButton } from '@/components/devices/retire-device-button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { findOwnDevice } from '@/db/queries/devices';
import { requireCapability } from '@/lib/auth/guards';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Edit device' };

export default async function EditDevicePage({ params }: { params: Promise<{ deviceId: string }> }) {
  const user = await requireCapability('view:own');
  const { deviceId } = await params;
  const id = Number(deviceId);
  // Someone else's device, a retired one and an unknown id all get the same not-found page.
  const device = Number.isInteger(id) && id > 0 ? findOwnDevice(db, { userId: user.id, deviceId: id }) : null;
  if (!device) notFound();

  return (
    <>
      <PageHeader
        title={`Edit ${device.model}`}
        description={`Last recorded ${formatDateTime(device.validFrom)}; ${device.versions} version${device.versions === 1 ? '' : 's'} kept. Saving records a new version seen today.`}
      />
      <Card className="mb-6">
        <OwnDeviceForm defaults={{ ...device, deviceId: device.deviceId }} />
      </Card>
      <Card title="No longer using it?">
        <RetireDeviceButton deviceId={device.deviceId} model={device.model} />
      </Card>
    </>
  );
}
