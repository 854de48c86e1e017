import { OPERATING_SYSTEMS, OPERATING_SYSTEM_LABELS, SEVERITIES, type PolicyParameters } from '@/lib/policy';
import { capitalise } from '@/lib/format';
import { FLAG_LABELS, FREQUENCY_LABELS, describeChannel } from './describe-parameters';

/** The parameters in force for a scope, as a definition list. */
export function ParametersSummary({ parameters }: { parameters: PolicyParameters }) {
  const rows: [string, string][] = [
    ['Approved channels', parameters.approvedChannels.map(describeChannel).join('; ') || 'None'],
    ['Forwarding window', `${parameters.forwardingWindowDays} days`],
    ['Capture healthy if synced within', `${parameters.captureSyncMaxAgeDays} days`],
    ['Device stale after', `${parameters.staleDeviceDays} days unseen`],
    ['Attestation', FREQUENCY_LABELS[parameters.attestationFrequency]],
    ['Severity weights', SEVERITIES.map((s) => `${capitalise(s)} ${parameters.severityWeights[s]}`).join(' · ')],
    [
      'Severity overrides',
      Object.entries(parameters.severityOverrides).map(([id, s]) => `${id} → ${s}`).join(', ') || 'None',
    ],
    ['Rules switched off', parameters.disabledRules.join(', ') || 'None'],
    ['Supervisor weight', `×${parameters.supervisorWeight}`],
    [
      'Minimum OS',
      OPERATING_SYSTEMS.filter((os) => parameters.minimumOsMajor[os] !== undefined)
        .map((os) => `${OPERATING_SYSTEM_LABELS[os]} ${parameters.minimumOsMajor[os]}`)
        .join(', '),
    ],
    ...(Object.keys(FLAG_LABELS) as (keyof typeof FLAG_LABELS)[]).map((flag): [string, string] => [FLAG_LABELS[flag], parameters[flag] ? 'Yes' : 'No']),
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[minmax(10rem,auto)_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-medium text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
