import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Cell, DataTable } from '@/components/ui/table';
import { db } from '@/db';
import { findOrganisation } from '@/db/queries/organisation';
import { requireCapability } from '@/lib/auth/guards';
import { MESSAGING_APP_LABELS } from '@/lib/policy/constants';

export const metadata: Metadata = { title: 'Your data' };

/** What Onchannel records about a person, why, and who sees it: the same data the schema holds, in words. */
const RECORDS = [
  {
    what: 'Your name, work e-mail, job title, role and teams',
    why: 'To know which messaging policy applies to you and who your manager is.',
    who: 'You, your managers, compliance officers, administrators',
  },
  {
    what: 'Devices you use for work: model, kind, whether corporate or personal, operating system and version, whether managed, encrypted and passcode-locked, when last seen',
    why: 'Regulators expect business messages to stay on secure, recorded devices (UK GDPR Art 32; SEC Rule 17a-4; FCA SYSC 10A).',
    who: 'You, your managers, compliance officers',
  },
  {
    what: 'The messaging apps on those devices and their settings: business use, cloud backup, disappearing messages, capture/archiving, contact upload',
    why: 'Off-channel messaging and personal cloud backups are where records are lost; contact upload shares client data with the app maker.',
    who: 'You, your managers, compliance officers',
  },
  {
    what: 'Your attestations: your answers, the exact questions and policy version you answered, your typed signature, when, and the IP address and browser you signed from',
    why: 'Evidence that the policy was read and followed; kept unalterable so that it stands up in an audit.',
    who: 'You, your managers, compliance officers',
  },
  {
    what: 'Exceptions granted to you, with their reason and period',
    why: 'So that an agreed waiver counts for you and is visible to auditors.',
    who: 'You, your managers, compliance officers',
  },
  {
    what: 'An audit trail of changes and exports that concern you',
    why: 'To show who changed what and when, as regulators expect of compliance records.',
    who: 'Compliance officers',
  },
];

export default async function PrivacyPage() {
  await requireCapability('view:own');
  const apps = Object.values(MESSAGING_APP_LABELS).join(', ');
  const retentionYears = findOrganisation(db)?.retentionYears ?? 7;
  return (
    <>
      <PageHeader
        title="Your data"
        description="Exactly what Onchannel records about you, why, and who can see it. It never records the content of any message."
      />
      <Card title="What is recorded" className="mb-8">
        <DataTable caption="What is recorded" headers={['What', 'Why', 'Who can see it']}>
          {RECORDS.map((record) => (
            <tr key={record.what}>
              <Cell className="font-medium">{record.what}</Cell>
              <Cell>{record.why}</Cell>
              <Cell>{record.who}</Cell>
            </tr>
          ))}
        </DataTable>
      </Card>
      <Card title="What is never recorded">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>The content of any message, call or file, on any app.</li>
          <li>Contacts, photos, location, browsing or any app other than messaging apps ({apps}).</li>
          <li>On a personal (BYOD) device: anything beyond its security settings and its messaging apps.</li>
        </ul>
        <p className="mt-3 text-sm text-slate-600">
          Your password is stored only as a one-way bcrypt hash. Attestations and the audit trail are compliance records: they cannot be
          edited or deleted, by you or by anyone else.
        </p>
      </Card>
      <Card title="How long it is kept" className="mt-8">
        <p className="text-sm text-slate-800">
          When you leave, your account is closed. {retentionYears} {retentionYears === 1 ? 'year' : 'years'} later (your organisation&rsquo;s retention period) your name, e-mail,
          job title, sign-in details, devices and reminders are erased. Your signed attestations and the audit trail stay as the
          organisation&rsquo;s compliance records under an account number, with your name, e-mail, job title, typed signature and the
          address and browser you signed from erased from them as well: your answers and the changes made stay, tied to no name.
        </p>
      </Card>
    </>
  );
}
