import { describe, expect, it } from 'vitest';
import { auditFilterParams, auditRangeEnd, parseAuditFilters } from '@/lib/validation/audit';

describe('parseAuditFilters', () => {
  it('reads nothing as no filters', () => {
    expect(parseAuditFilters({})).toEqual({ ok: true, filters: { actor: null, action: null, target: null, from: null, to: null } });
    expect(parseAuditFilters({ actor: '  ', action: '', target: '', from: '', to: '' })).toMatchObject({ ok: true, filters: { actor: null, from: null } });
  });

  it.each([
    ['exception', { type: 'exception', id: null }],
    ['exception:12', { type: 'exception', id: '12' }],
    ['exception : 12', { type: 'exception', id: '12' }],
    ['user #40', { type: 'user', id: '40' }],
    ['user 40', { type: 'user', id: '40' }],
    ['policy_settings:7', { type: 'policy_settings', id: '7' }],
  ])('reads the target %j', (target, expected) => {
    expect(parseAuditFilters({ target })).toMatchObject({ ok: true, filters: { target: expected } });
  });

  it('lower-cases the actor search and reads days as UTC midnights, the end day inclusive', () => {
    const parsed = parseAuditFilters({ actor: 'Officer@', from: '2026-03-01', to: ['2026-03-31', 'ignored'] });
    expect(parsed).toMatchObject({ ok: true, filters: { actor: 'officer@', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') } });
    if (parsed.ok) expect(auditRangeEnd(parsed.filters)).toEqual(new Date('2026-04-01T00:00:00Z'));
  });

  it.each([
    [{ target: 'exception:' }, 'target'],
    [{ target: 'DROP TABLE' }, 'target'],
    [{ target: 'x:1:2 3' }, 'target'],
    [{ from: '2026-02-30' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
    [{ actor: 'a'.repeat(255) }, 'actor'],
  ])('names the malformed filter: %j', (params, field) => {
    const parsed = parseAuditFilters(params);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors)).toEqual([field]);
  });

  it('writes filters back as the URL parameters they came from', () => {
    const query = 'actor=officer%40&action=exception.grant&target=exception%3A12&from=2026-03-01&to=2026-03-31';
    const parsed = parseAuditFilters(Object.fromEntries(new URLSearchParams(query)));
    expect(parsed.ok && auditFilterParams(parsed.filters).toString()).toBe(query);
  });
});
