import type { ReactNode } from 'react';

export type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info';

/** Text-first: the words carry the meaning, the colour (`.badge-<tone>` in globals.css) only repeats it. */
const MARKS: Record<Tone, string> = { good: '✓', warn: '!', bad: '✕', neutral: '', info: '' };

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  const mark = MARKS[tone];
  return (
    <span className={`badge badge-${tone}`}>
      {mark ? <span aria-hidden="true">{mark}</span> : null}
      {children}
    </span>
  );
}
