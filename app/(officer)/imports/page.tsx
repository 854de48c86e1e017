import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportForm } from '@/components/imports/import-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireCapability } from '@/lib/auth/guards';
import { FORMATS, importMaxMegabytes } from '@/lib/import';

export const metadata: Metadata = { title: 'Import devices' };

export default async function ImportDevicesPage() {
  await requireCapability('import:devices');
  return (
    <>
      <PageHeader
        title="Import devices"
        description="Upload an MDM export or the Onchannel template. You see what would change before anything is stored; re-importing the same file changes nothing."
        actions={<Link href="/imports/history" className="text-sm text-indigo-700 underline">Import history</Link>}
      />
      <Card className="mb-6">
        <ImportForm maxMegabytes={importMaxMegabytes()} />
      </Card>
      <Card title="Formats read">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {FORMATS.map((f) => (
            <li key={f.id}>
              <span className="font-medium">{f.label}</span>: recognised by the columns {f.signature.map((h) => `“${h}”`).join(', ')}.
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm">
          <a href="/imports/template" className="font-medium text-indigo-700 underline" download>
            Download the Onchannel CSV template
          </a>
        </p>
      </Card>
    </>
  );
}
