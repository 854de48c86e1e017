import { Field, INPUT_CLASS } from '@/components/ui/form';
import type { AuditFilterField } from '@/lib/validation/audit';

/**
 * Actor, action, target and date filters as a plain GET form: the search lives in the URL, so it can be
 * bookmarked, shared and exported as it is, and it works without JavaScript.
 */
export function AuditFiltersForm({
  action,
  values,
  errors,
  actions,
}: {
  action: string;
  values: Record<AuditFilterField, string>;
  errors: Partial<Record<AuditFilterField, string>>;
  actions: readonly string[];
}) {
  return (
    <form method="get" action={action} role="search" aria-label="Audit log filters" className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-6">
      <Field id="audit-actor" label="Who (e-mail)" error={errors.actor} className="lg:col-span-2">
        {(attributes) => <input {...attributes} name="actor" type="search" defaultValue={values.actor} placeholder="e.g. officer@ or northbridge.example" className={INPUT_CLASS} />}
      </Field>
      <Field id="audit-action" label="Action" error={errors.action}>
        {(attributes) => (
          <select {...attributes} name="action" defaultValue={values.action} className={INPUT_CLASS}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="audit-target" label="Target" error={errors.target}>
        {(attributes) => <input {...attributes} name="target" type="search" defaultValue={values.target} placeholder="e.g. exception:12" className={INPUT_CLASS} />}
      </Field>
      <Field id="audit-from" label="From" error={errors.from}>
        {(attributes) => <input {...attributes} name="from" type="date" defaultValue={values.from} className={INPUT_CLASS} />}
      </Field>
      <Field id="audit-to" label="To (inclusive)" error={errors.to}>
        {(attributes) => <input {...attributes} name="to" type="date" defaultValue={values.to} className={INPUT_CLASS} />}
      </Field>
      <div className="flex items-end gap-4 sm:col-span-2 lg:col-span-6">
        <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700">
          Apply filters
        </button>
        <a href={action} className="py-2 text-sm text-indigo-800 underline-offset-2 hover:underline">
          Reset
        </a>
      </div>
    </form>
  );
}
