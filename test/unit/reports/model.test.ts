import { describe, expect, it } from 'vitest';
import type { DeviceFact } from '@/lib/policy/types';
import { keyFindings, postureOfDevices, reportFileName, scopeNames, slugify } from '@/lib/reports';
import { finding } from '../../helpers/report';

describe('the findings that matter most', () => {
  it('rank severity weight × people failing, so a critical rule failed by a few beats a low one failed by many', () => {
    // F1 critical (10 × 3 = 30), X1 high (5 × 5 = 25), X3 low (1 × 20 = 20), F2 critical (10 × 0: not failed).
    const top = keyFindings([finding('X3', 20), finding('X1', 5), finding('F1', 3), finding('F2', 0)]);
    expect(top.map((f) => f.ruleId)).toEqual(['F1', 'X1', 'X3']);
  });

  it('break ties by severity, then count, then id; at most three; none when nothing fails', () => {
    // Critical 2 × 10 = 20 ties with high 4 × 5 = 20: the critical rule comes first.
    expect(keyFindings([finding('X1', 4), finding('F1', 2)]).map((f) => f.ruleId)).toEqual(['F1', 'X1']);
    expect(keyFindings([finding('X1', 1), finding('X2', 1), finding('X3', 1), finding('X4', 1)])).toHaveLength(3);
    expect(keyFindings([finding('F1', 0)])).toEqual([]);
  });
});

describe('names', () => {
  it.each([
    ['Rates & Swaps', 'rates-swaps'],
    ['Équipe Contentieux', 'equipe-contentieux'],
    ['  --Equities   Trading-- ', 'equities-trading'],
    ['!!!', 'report'],
  ])('slugify(%j) is %j', (text, slug) => expect(slugify(text)).toBe(slug));

  it('name the file after the scope and the quarter', () => {
    const team = scopeNames({ kind: 'team', teamId: 4 }, { name: 'Equities Trading', sector: 'finance' });
    expect(team).toEqual({ label: 'Equities Trading (finance)', slug: 'finance-equities-trading' });
    expect(reportFileName(team.slug, '2026-Q3')).toBe('onchannel-finance-equities-trading-2026-Q3.pdf');
    expect(reportFileName(scopeNames({ kind: 'sector', sector: 'law' }).slug, '2026-Q1')).toBe('onchannel-law-sector-2026-Q1.pdf');
    expect(reportFileName(scopeNames({ kind: 'organisation' }).slug, '2025-Q4')).toBe('onchannel-organisation-2025-Q4.pdf');
  });
});

describe('device posture of a past quarter', () => {
  const asOf = new Date('2026-09-30T23:59:59.999Z');
  const device = (id: number, facts: Partial<DeviceFact>): DeviceFact => ({
    deviceId: id, model: 'iPhone 15', kind: 'phone', ownership: 'corporate', os: 'ios', osVersion: '18.1',
    mdmEnrolled: true, encrypted: true, passcode: true, lastSeenAt: asOf, apps: [], ...facts,
  });
  const app = (name: 'whatsapp' | 'signal', facts: { cloudBackup?: boolean; businessUse?: boolean } = {}) => ({
    app: name, appVersion: '1', businessUse: false, cloudBackup: false, disappearingMessages: false, captureEnabled: false, contactUpload: false, lastCaptureSyncAt: null, ...facts,
  });

  it('counts each device once, with unmanaged, stale (whole days, as rule X7) and app figures', () => {
    const devices = [
      device(1, { ownership: 'byod', apps: [app('whatsapp', { cloudBackup: true, businessUse: true }), app('signal')] }),
      device(1, { ownership: 'byod', apps: [app('whatsapp')] }), // the same device again: ignored
      device(2, { mdmEnrolled: false, lastSeenAt: null, apps: [app('whatsapp')] }),
      // Seven days: stale before 23 Sep (midnight), fresh from it.
      device(3, { lastSeenAt: new Date('2026-09-22T23:59:59Z') }),
      device(4, { lastSeenAt: new Date('2026-09-23T00:00:00Z') }),
    ];
    expect(postureOfDevices(devices, { staleAfterDays: 7, asOf })).toEqual({
      devices: 4,
      unmanaged: 1,
      stale: 2,
      staleAfterDays: 7,
      apps: [
        { app: 'whatsapp', devices: 2, personal: 1, cloudBackup: 1, businessUse: 1 },
        { app: 'signal', devices: 1, personal: 1, cloudBackup: 0, businessUse: 0 },
      ],
    });
  });
});
