import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/validation/action-result';
import { grantExceptionFromFormData, grantExceptionSchema, revokeExceptionSchema } from '@/lib/validation/exceptions';

const now = new Date('2026-11-23T15:30:00Z');
const schema = grantExceptionSchema({ now });
const base = { email: 'Sam@Example.com ', ruleId: 'F3', reason: 'Handset on order', expiresAt: '2026-12-23' };
const errorsOf = (input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? null : fieldErrorsOf(parsed.error);
};

describe('grantExceptionSchema', () => {
  it('starts today by default and normalises the e-mail', () => {
    expect(schema.parse(base)).toEqual({
      ruleId: 'F3', reason: 'Handset on order', startsAt: new Date('2026-11-23T00:00:00Z'), expiresAt: new Date('2026-12-23T00:00:00Z'),
      target: { kind: 'person', email: 'sam@example.com' },
    });
  });

  it('covers a team when given a team', () => {
    const { email: _email, ...rest } = base;
    expect(schema.parse({ ...rest, teamId: '7' }).target).toEqual({ kind: 'team', teamId: 7 });
  });

  it.each([
    ['neither person nor team', { email: undefined }, ['email', 'teamId']],
    ['both person and team', { teamId: 3 }, ['teamId']],
    ['an invalid e-mail', { email: 'sam' }, ['email']],
    ['no rule', { ruleId: '' }, ['ruleId']],
    ['no reason', { reason: '' }, ['reason']],
    ['a 501-character reason', { reason: 'x'.repeat(501) }, ['reason']],
    ['a start yesterday', { startsAt: '2026-11-22' }, ['startsAt']],
    ['an expiry before the start', { startsAt: '2026-12-01', expiresAt: '2026-11-30' }, ['expiresAt']],
    ['an expiry on the start day', { expiresAt: '2026-11-23' }, ['expiresAt']],
    ['an expiry a year and a day later', { expiresAt: '2027-11-24' }, ['expiresAt']],
    ['no expiry', { expiresAt: undefined }, ['expiresAt']],
    ['an impossible day', { expiresAt: '2026-11-31' }, ['expiresAt']],
    ['an unknown field', { approvedBy: 1 }, ['']],
  ])('refuses %s', (_name, change, fields) => {
    expect(Object.keys(errorsOf({ ...base, ...change }) ?? {}).sort()).toEqual([...fields].sort());
  });

  it.each([
    ['a 500-character reason', { reason: 'x'.repeat(500) }],
    ['an expiry exactly a year later', { expiresAt: '2027-11-23' }],
    ['a start in the future', { startsAt: '2027-01-01', expiresAt: '2027-06-30' }],
  ])('accepts %s', (_name, change) => {
    expect(errorsOf({ ...base, ...change })).toBeNull();
  });
});

describe('grantExceptionFromFormData', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return data;
  };

  it.each([
    ['person', { email: 'sam@example.com', teamId: undefined }],
    ['team', { email: undefined, teamId: '5' }],
  ])('keeps only the %s when that is chosen', (waiveFor, expected) => {
    const raw = grantExceptionFromFormData(form({ waiveFor, email: 'sam@example.com', teamId: '5', ruleId: 'X1', reason: 'r', startsAt: '', expiresAt: '2026-12-01' }));
    expect(raw).toMatchObject({ ...expected, ruleId: 'X1', reason: 'r', startsAt: undefined, expiresAt: '2026-12-01' });
  });
});

describe('revokeExceptionSchema', () => {
  it.each([
    ['12', true],
    ['0', false],
    ['abc', false],
    ['1.5', false],
  ])('exception id %j → valid: %s', (exceptionId, valid) => {
    expect(revokeExceptionSchema.safeParse({ exceptionId }).success).toBe(valid);
  });
});
