import { Field, FieldError, INPUT_CLASS, describedBy } from '@/components/ui/form';
import {
  ATTESTATION_FREQUENCIES,
  MESSAGING_APPS,
  MESSAGING_APP_LABELS,
  OPERATING_SYSTEMS,
  OPERATING_SYSTEM_LABELS,
  SEVERITIES,
  type PolicyParameters,
  type PolicyParametersOverride,
  type Severity,
} from '@/lib/policy';
import { capitalise } from '@/lib/format';
import { POLICY_FLAGS, POLICY_FORM_FIELDS as F, POLICY_LIMITS } from '@/lib/validation/policy';
import { FLAG_LABELS, FREQUENCY_LABELS } from './describe-parameters';

/** What every section needs: the scope's override, what applies when a field is left empty, errors. */
export interface SectionProps {
  /** Prefix of element ids, unique on the page (two forms can share it). */
  idPrefix: string;
  current: PolicyParametersOverride;
  inherited: PolicyParameters;
  /** The first error for a field path such as 'parameters.forwardingWindowDays'; a trailing '*' matches any path below. */
  error: (field: string) => string | undefined;
}

const FIELDSET = 'rounded-md border border-slate-200 p-4';
const LEGEND = 'px-1 text-sm font-semibold text-slate-900';

/** Approved channels: inherit the list, or set this scope's own (one row per messaging app). */
export function ChannelsSection({ idPrefix, current, inherited, error, inheritLabel }: SectionProps & { inheritLabel: string }) {
  const rows = current.approvedChannels ?? inherited.approvedChannels;
  const channelError = error('parameters.approvedChannels*');
  return (
    <fieldset className={FIELDSET} aria-describedby={channelError ? `${idPrefix}-channels-error` : undefined}>
      <legend className={LEGEND}>Approved channels</legend>
      <div className="mb-3 flex flex-wrap gap-4 text-sm">
        {(['inherit', 'set'] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-2">
            <input type="radio" name={F.channelsMode} value={mode} defaultChecked={(mode === 'set') === Boolean(current.approvedChannels)} />
            {mode === 'inherit' ? inheritLabel : 'Set the list below for this scope'}
          </label>
        ))}
      </div>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Approved channels for this scope</caption>
        <thead>
          <tr className="text-left text-slate-700">
            <th scope="col" className="py-1 pr-4 font-medium">App</th>
            <th scope="col" className="py-1 pr-4 font-medium">Status</th>
            <th scope="col" className="py-1 font-medium">Data sharing assessed</th>
          </tr>
        </thead>
        <tbody>
          {MESSAGING_APPS.map((app) => {
            const channel = rows.find((c) => c.app === app);
            const id = `${idPrefix}-channel-${app}`;
            return (
              <tr key={app}>
                <th scope="row" className="py-1 pr-4 text-left font-normal">
                  <label htmlFor={id}>{MESSAGING_APP_LABELS[app]}</label>
                </th>
                <td className="py-1 pr-4">
                  <select id={id} name={F.channel(app)} defaultValue={channel ? (channel.captured ? 'captured' : 'not_captured') : ''} className={INPUT_CLASS}>
                    <option value="">Not approved</option>
                    <option value="captured">Approved, captured</option>
                    <option value="not_captured">Approved, not captured</option>
                  </select>
                </td>
                <td className="py-1">
                  <input
                    type="checkbox"
                    name={F.assessed(app)}
                    defaultChecked={Boolean(channel?.dataSharingAssessed)}
                    aria-label={`${MESSAGING_APP_LABELS[app]}: data-sharing assessment on record`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError id={`${idPrefix}-channels`} error={channelError} />
    </fieldset>
  );
}

function NumberField({ idPrefix, current, inherited, error, name, label, unit, limits, step = 1 }: SectionProps & {
  name: 'forwardingWindowDays' | 'captureSyncMaxAgeDays' | 'staleDeviceDays' | 'supervisorWeight';
  label: string;
  unit: string;
  limits: { min: number; max: number };
  step?: number;
}) {
  return (
    <Field id={`${idPrefix}-${name}`} label={label} hint={`${limits.min}–${limits.max} ${unit}; empty inherits ${inherited[name]}.`} error={error(`parameters.${name}`)}>
      {(a) => (
        <input {...a} type="number" name={name} min={limits.min} max={limits.max} step={step} defaultValue={current[name] ?? ''} placeholder={`Inherit (${inherited[name]})`} className={INPUT_CLASS} />
      )}
    </Field>
  );
}

/** Windows, frequency and the supervisor weight. */
export function TimingSection(props: SectionProps) {
  const { idPrefix, current, inherited, error } = props;
  return (
    <fieldset className={FIELDSET}>
      <legend className={LEGEND}>Windows and frequency</legend>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <NumberField {...props} name="forwardingWindowDays" label="Forwarding window" unit="days" limits={POLICY_LIMITS.forwardingWindowDays} />
        <NumberField {...props} name="captureSyncMaxAgeDays" label="Capture sync max age" unit="days" limits={POLICY_LIMITS.captureSyncMaxAgeDays} />
        <NumberField {...props} name="staleDeviceDays" label="Device stale after" unit="days" limits={POLICY_LIMITS.staleDeviceDays} />
        <NumberField {...props} name="supervisorWeight" label="Supervisor weight" unit="×" limits={POLICY_LIMITS.supervisorWeight} step={0.5} />
        <Field id={`${idPrefix}-attestationFrequency`} label="Attestation frequency" error={error('parameters.attestationFrequency')}>
          {(a) => (
            <select {...a} name="attestationFrequency" defaultValue={current.attestationFrequency ?? ''} className={INPUT_CLASS}>
              <option value="">Inherit ({FREQUENCY_LABELS[inherited.attestationFrequency].toLowerCase()})</option>
              {ATTESTATION_FREQUENCIES.map((f) => (
                <option key={f} value={f}>{FREQUENCY_LABELS[f]}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}

/** Weights of each severity in the score, and the minimum OS versions. */
export function WeightsSection({ idPrefix, current, inherited, error }: SectionProps) {
  const { min, max } = POLICY_LIMITS.severityWeight;
  return (
    <fieldset className={FIELDSET}>
      <legend className={LEGEND}>Severity weights and minimum OS versions</legend>
      <div className="grid gap-4 sm:grid-cols-4">
        {SEVERITIES.map((s) => (
          <Field key={s} id={`${idPrefix}-weight-${s}`} label={`${capitalise(s)} weight`} error={error(`parameters.severityWeights.${s}`)}>
            {(a) => (
              <input {...a} type="number" name={F.weight(s)} min={min} max={max} step="any" defaultValue={current.severityWeights?.[s] ?? ''} placeholder={`Inherit (${inherited.severityWeights[s]})`} className={INPUT_CLASS} />
            )}
          </Field>
        ))}
        {OPERATING_SYSTEMS.map((os) => (
          <Field key={os} id={`${idPrefix}-os-${os}`} label={`Minimum ${OPERATING_SYSTEM_LABELS[os]}`} error={error(`parameters.minimumOsMajor.${os}`)}>
            {(a) => (
              <input {...a} type="number" name={F.osMinimum(os)} min={POLICY_LIMITS.minimumOsMajor.min} max={POLICY_LIMITS.minimumOsMajor.max} defaultValue={current.minimumOsMajor?.[os] ?? ''} placeholder={`Inherit (${inherited.minimumOsMajor[os] ?? 'none'})`} className={INPUT_CLASS} />
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

/** Per rule: a severity override and a switch. Rules switched off higher up cannot be switched back on. */
export function RulesSection({ idPrefix, current, inherited, error, rules }: SectionProps & { rules: readonly { id: string; title: string; severity: Severity }[] }) {
  const disabledError = error('parameters.disabledRules');
  return (
    <fieldset className={FIELDSET}>
      <legend className={LEGEND}>Rules: severity and switches</legend>
      <FieldError id={`${idPrefix}-disabled`} error={disabledError} />
      <table className="min-w-full text-sm">
        <caption className="sr-only">Severity override and switch of each rule</caption>
        <thead>
          <tr className="text-left text-slate-700">
            <th scope="col" className="py-1 pr-4 font-medium">Rule</th>
            <th scope="col" className="py-1 pr-4 font-medium">Severity</th>
            <th scope="col" className="py-1 font-medium">Switched off</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const id = `${idPrefix}-severity-${rule.id}`;
            const inheritedOff = inherited.disabledRules.includes(rule.id);
            const fieldError = error(`parameters.severityOverrides.${rule.id}`);
            return (
              <tr key={rule.id} className="align-top">
                <th scope="row" className="py-1 pr-4 text-left font-normal">
                  <label htmlFor={id}>
                    <span className="font-mono font-semibold">{rule.id}</span> {rule.title}
                  </label>
                </th>
                <td className="py-1 pr-4">
                  <select {...describedBy(id, { error: fieldError })} name={F.override(rule.id)} defaultValue={current.severityOverrides?.[rule.id] ?? ''} className={INPUT_CLASS}>
                    <option value="">Inherit ({inherited.severityOverrides[rule.id] ?? `pack: ${rule.severity}`})</option>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>{capitalise(s)}</option>
                    ))}
                  </select>
                  <FieldError id={id} error={fieldError} />
                </td>
                <td className="py-1">
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      name="disabledRules"
                      value={rule.id}
                      defaultChecked={inheritedOff || Boolean(current.disabledRules?.includes(rule.id))}
                      disabled={inheritedOff}
                      aria-describedby={disabledError ? `${idPrefix}-disabled-error` : undefined}
                    />
                    <span className="sr-only">Switch {rule.id} off</span>
                    {inheritedOff ? <span className="text-xs text-slate-600">by the organisation</span> : null}
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

/** The regulatory scope flags that switch sector rules on. */
export function FlagsSection({ idPrefix, current, inherited, error }: SectionProps) {
  return (
    <fieldset className={FIELDSET}>
      <legend className={LEGEND}>Regulatory scope</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        {POLICY_FLAGS.map((flag) => (
          <Field key={flag} id={`${idPrefix}-flag-${flag}`} label={FLAG_LABELS[flag]} error={error(`parameters.${flag}`)}>
            {(a) => (
              <select {...a} name={`flag.${flag}`} defaultValue={current[flag] === undefined ? '' : current[flag] ? 'yes' : 'no'} className={INPUT_CLASS}>
                <option value="">Inherit ({inherited[flag] ? 'yes' : 'no'})</option>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
