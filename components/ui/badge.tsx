import type { ReactNode } from 'react';

export type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info';

const TONES: Record<Tone, string> = {
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
  warn: 'bg-amber-50 text-amber-900 ring-amber-600/40',
  bad: 'bg-rose-50 text-rose-800 ring-rose-600/30',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-500/30',
  info: 'bg-indigo-50 text-indigo-800 ring-indigo-600/30',
};

/** Text-first: the words carry the meaning, the colour only repeats it. */
const MARKS: Record<Tone, string> = { good: '✓', warn: '!', bad: '✕', neutral: '', info: '' };

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  const mark = MARKS[tone];
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {mark ? <span aria-hidden="true">{mark}</span> : null}
      {children}
    </span>
  );
}
