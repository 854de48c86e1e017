import { describe, expect, it } from 'vitest';
import { ERASED } from '@/lib/audit/personal';
import { MAX_VALUE_CHARS, auditSummaryText, describeAuditSummary, formatAuditValue } from '@/lib/audit/summary';

describe('describeAuditSummary', () => {
  it('shows only the fields that changed, nested ones by dotted path', () => {
    const summary = {
      before: { role: 'staff', name: 'Sam', parameters: { forwardingWindowDays: 10, approvedChannels: ['Teams'] } },
      after: { role: 'manager', name: 'Sam', parameters: { forwardingWindowDays: 5, approvedChannels: ['Teams', 'Bloomberg'] } },
      reason: 'Promoted',
    };
    expect(describeAuditSummary(summary)).toEqual([
      { kind: 'changed', field: 'parameters.approvedChannels', before: 'Teams', after: 'Teams, Bloomberg' },
      { kind: 'changed', field: 'parameters.forwardingWindowDays', before: '10', after: '5' },
      { kind: 'changed', field: 'role', before: 'staff', after: 'manager' },
      { kind: 'note', field: 'reason', value: 'Promoted' },
    ]);
  });

  it('shows a change whose values were erased on both sides by the retention purge, not nothing', () => {
    expect(describeAuditSummary({ before: { name: ERASED, role: 'staff' }, after: { name: ERASED, role: 'staff' } })).toEqual([
      { kind: 'changed', field: 'name', before: ERASED, after: ERASED },
    ]);
  });

  it('shows additions, removals and plain notes', () => {
    expect(describeAuditSummary({ after: { ruleId: 'FIN-01', expiresAt: null } })).toEqual([
      { kind: 'added', field: 'expiresAt', value: 'none' },
      { kind: 'added', field: 'ruleId', value: 'FIN-01' },
    ]);
    expect(describeAuditSummary({ before: { backup: true }, after: {} })).toEqual([{ kind: 'removed', field: 'backup', value: 'true' }]);
    expect(describeAuditSummary({ count: 14, day: '2026-11-23' })).toEqual([
      { kind: 'note', field: 'count', value: '14' },
      { kind: 'note', field: 'day', value: '2026-11-23' },
    ]);
    expect(describeAuditSummary({ before: 'open', after: 'closed' })).toEqual([{ kind: 'changed', field: 'value', before: 'open', after: 'closed' }]);
    expect(describeAuditSummary(null)).toEqual([]);
    expect(describeAuditSummary('imported')).toEqual([{ kind: 'note', field: 'summary', value: 'imported' }]);
  });

  it('treats key order as no change', () => {
    expect(describeAuditSummary({ before: { x: { a: [1, { b: 2, c: 3 }] } }, after: { x: { a: [1, { c: 3, b: 2 }] } } })).toEqual([]);
  });

  it('reads as one line of text for exports', () => {
    expect(auditSummaryText({ before: { role: 'staff', active: true }, after: { role: 'manager' }, via: 'sso' })).toBe('active: − true; role: staff → manager; via: sso');
  });
});

describe('formatAuditValue', () => {
  it.each([
    [null, 'none'],
    ['', '""'],
    [[], '[]'],
    [[1, 'a', null], '1, a, none'],
    [{ b: 1, a: [2] }, '{"a":[2],"b":1}'],
  ])('%j → %s', (value, text) => {
    expect(formatAuditValue(value)).toBe(text);
  });

  it('cuts long values with an ellipsis', () => {
    const text = formatAuditValue('x'.repeat(500));
    expect(text).toHaveLength(MAX_VALUE_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });
});
