import { describe, expect, it } from 'vitest';
import { parseAppList, parseFlag, parseKind, parseMessagingApp, parseOperatingSystem, parseOwnership, parseTimestamp } from '@/lib/import';
import { deviceFreshness, freshnessLabel } from '@/lib/devices/freshness';

describe('parseFlag', () => {
  it.each([
    ['True', true], ['FALSE', false], ['Yes', true], ['no', false], ['Managed', true], ['Unmanaged', false], ['Present', true], ['Not Present', false],
    ['Compliant', true], ['Noncompliant', false], ['All Partitions Encrypted', true], ['Not Encrypted', false], ['1', true], ['0', false], ['maybe', undefined],
  ] as const)('%s → %s', (text, value) => expect(parseFlag(text)).toBe(value));
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-20T08:15:00Z', '2026-11-20T08:15:00.000Z'],
    ['2026-11-20T09:15:00+01:00', '2026-11-20T08:15:00.000Z'],
    ['2026-11-20 08:15:42.0000000', '2026-11-20T08:15:42.000Z'],
    ['2026-11-20T08:15:42', '2026-11-20T08:15:42.000Z'],
    ['2026-11-20 08:15:42.5 PM', '2026-11-20T20:15:42.000Z'],
    ['11/20/2026 8:15:42 PM', '2026-11-20T20:15:42.000Z'],
    ['11/20/2026 12:05:00 AM', '2026-11-20T00:05:00.000Z'],
    ['20/11/2026', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20 at 8:15 AM', '2026-11-20T08:15:00.000Z'],
    ['2026-11-20 at 12:30 PM', '2026-11-20T12:30:00.000Z'],
    ['20.11.2026 08:15', '2026-11-20T08:15:00.000Z'],
    ['20 Nov 2026', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
  ])('%s', (text, iso) => expect(parseTimestamp(text)?.toISOString()).toBe(iso));
  it.each(['2026-02-30', '13/13/2026', 'yesterday', '2026-11-20 25:00', '', '2026-02-30 08:00:00', '2026-11-20 24:00:00.0', '2026-11-20 08:15:42.', '2026-11-20 08:15:4x'])('refuses %j', (text) => expect(parseTimestamp(text)).toBeUndefined());
});

describe('operating system, kind, ownership', () => {
  it.each([['iOS', 'ios'], ['iPadOS', 'ipados'], ['AndroidForWork', 'android'], ['Android Enterprise', 'android'], ['macOS', 'macos'], ['Mac OS X', 'macos'], ['Windows', 'windows'], ['Symbian', undefined]] as const)(
    '%s → %s', (text, os) => expect(parseOperatingSystem(text)).toBe(os),
  );
  it.each([
    [undefined, 'ios', 'iPhone 15', 'phone'], [undefined, 'ios', 'iPad Pro', 'tablet'], [undefined, 'android', 'Galaxy Tab S9', 'tablet'],
    [undefined, 'macos', 'iMac (24-inch)', 'desktop'], [undefined, 'macos', 'MacBook Air', 'laptop'], [undefined, 'windows', 'Surface Laptop 5', 'laptop'],
    ['Tablet', 'android', 'x', 'tablet'], ['fridge', 'android', 'x', undefined],
  ] as const)('kind %s / %s / %s → %s', (kind, os, model, expected) => expect(parseKind(kind, os, model)).toBe(expected));
  it.each([['Corporate', 'corporate'], ['Company', 'corporate'], ['Institutional', 'corporate'], ['Personal', 'byod'], ['BYOD', 'byod'], ['User Enrollment', 'byod'], ['Shared', undefined]] as const)(
    '%s → %s', (text, o) => expect(parseOwnership(text)).toBe(o),
  );
});

describe('messaging apps', () => {
  it.each([
    ['WhatsApp Messenger', 'whatsapp'], ['net.whatsapp.WhatsAppSMB', 'whatsapp_business'], ['WhatsApp Business', 'whatsapp_business'], ['com.whatsapp', 'whatsapp'],
    ['Signal - Private Messenger', 'signal'], ['org.telegram.messenger', 'telegram'], ['com.tencent.xin', 'wechat'], ['Microsoft Teams', 'teams'],
    ['com.tinyspeck.chatlyio', 'slack'], ['Calculator', undefined], ['WhatsAppish', undefined],
  ] as const)('%s → %s', (name, app) => expect(parseMessagingApp(name)).toBe(app));
  it('reads an inventory cell, keeping only messaging apps with versions', () => {
    expect(parseAppList('WhatsApp Messenger (24.1.0); Calculator (1.0)\nSlack 23.11 | Signal')).toEqual([
      { app: 'whatsapp', version: '24.1.0' }, { app: 'slack', version: '23.11' }, { app: 'signal', version: null },
    ]);
  });
});

describe('device freshness', () => {
  const asOf = new Date('2026-11-23T12:00:00Z');
  it.each([
    ['2026-11-23T01:00:00Z', 7, null],
    ['2026-11-16T23:59:00Z', 7, null],
    ['2026-11-15T23:59:00Z', 7, 'Stale — not seen for 8 days'],
    ['2026-11-21T00:00:00Z', 1, 'Stale — not seen for 2 days'],
    ['2026-12-01T00:00:00Z', 7, null],
  ])('last seen %s, limit %i → %s', (seen, days, label) => expect(freshnessLabel(deviceFreshness(new Date(seen), asOf, days))).toBe(label));
  it('never seen', () => expect(freshnessLabel(deviceFreshness(null, asOf))).toBe('Never seen'));
});
