/** A link to download a table as CSV, with the filters of the view applied (a route handler serves it). */
export function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className="inline-flex items-center gap-1 text-sm font-medium text-indigo-800 underline-offset-2 hover:underline">
      <span aria-hidden="true">⤓</span> Download {label} (CSV)
    </a>
  );
}
