import type { Metadata } from 'next';
import { OwnDeviceForm } from '@/components/devices/own-device-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireCapability } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Register a device' };

export default async function RegisterDevicePage() {
  await requireCapability('view:own');
  return (
    <>
      <PageHeader
        title="Register a device"
        description="A phone, tablet or computer you use for work. For a personal device, only its security settings and messaging apps are recorded."
      />
      <Card>
        <OwnDeviceForm defaults={{ kind: '', ownership: '', model: '', os: '', osVersion: '', mdmEnrolled: false, encrypted: false, passcode: false, apps: [] }} />
      </Card>
    </>
  );
}
