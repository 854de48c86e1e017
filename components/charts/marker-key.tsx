import { MARKER_STYLE } from './chart-style';

/** The marker legend, in words: which line style means what. */
export function MarkerKey() {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {(Object.keys(MARKER_STYLE) as (keyof typeof MARKER_STYLE)[]).map((kind) => (
        <li key={kind} className="inline-flex items-center gap-1">
          <svg width="24" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="24" y2="4" stroke={MARKER_STYLE[kind].stroke} strokeDasharray={MARKER_STYLE[kind].dash} strokeWidth="2" />
          </svg>
          {kind === 'campaign-opens' ? 'Campaign opens' : kind === 'campaign-due' ? 'Campaign due' : 'Policy change'}
        </li>
      ))}
    </ul>
  );
}
