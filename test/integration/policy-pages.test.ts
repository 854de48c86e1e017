import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Pages read the app's database handle and guard themselves: both are replaced here. next/form needs
// Next's router, which a server render outside Next.js does not have.
vi.mock('@/db', () => import('../helpers/seeded-app-db'));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: vi.fn(), requireCapability: vi.fn() }));
vi.mock('next/form', () => ({ default: (props: Record<string, unknown>) => createElement('form', props) }));

const { requireCapability } = await import('@/lib/auth/guards');
const { default: PolicyPage } = await import('@/app/(officer)/policy/page');
const { default: ExceptionsPage } = await import('@/app/(officer)/exceptions/page');
const guard = vi.mocked(requireCapability);

const render = async (page: Promise<ReactElement>) => renderToString(await page);
const search = (params: Record<string, string>) => ({ searchParams: Promise.resolve(params) });

beforeEach(() => {
  guard.mockReset();
  guard.mockResolvedValue({ id: 2, email: 'officer@northbridge.example', name: 'Officer', role: 'officer', memberTeamIds: [], managedTeamIds: [] });
});

describe('policy page', () => {
  it('guards itself with manage:policy and renders nothing when refused', async () => {
    guard.mockRejectedValue(new Error('NEXT_NOT_FOUND'));
    await expect(PolicyPage(search({}))).rejects.toThrow('NEXT_NOT_FOUND');
    expect(guard).toHaveBeenCalledWith('manage:policy');
  });

  it('shows every pack, the organisation’s parameters and history, and the chosen team', async () => {
    const html = await render(PolicyPage(search({ team: '1' })));
    for (const text of ['Finance messaging policy', 'Organisation parameters', 'Forwarding window shortened to 5 days', 'Equities Trading parameters', 'Save a new version']) {
      expect(html).toContain(text);
    }
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says so for an unknown team', async () => {
    expect(await render(PolicyPage(search({ team: '999' })))).toContain('There is no team with that id');
  });
});

describe('exceptions page', () => {
  it('guards itself with manage:exceptions', async () => {
    guard.mockRejectedValue(new Error('NEXT_NOT_FOUND'));
    await expect(ExceptionsPage(search({}))).rejects.toThrow('NEXT_NOT_FOUND');
    expect(guard).toHaveBeenCalledWith('manage:exceptions');
  });

  it('lists an exception in force with its rule, person and a revoke button', async () => {
    const { db } = await import('@/db');
    const { applyExceptionGrant } = await import('@/db/commands/exceptions');
    const today = new Date(new Date().toISOString().slice(0, 10));
    const granted = applyExceptionGrant(db, { id: 2 }, {
      ruleId: 'F3', reason: 'Handset on order', startsAt: today, expiresAt: new Date(today.getTime() + 7 * 86_400_000),
      target: { kind: 'person', email: 'staff@northbridge.example' },
    });
    expect(granted.ok).toBe(true);
    const html = await render(ExceptionsPage(search({ show: 'active' })));
    for (const text of ['F3', 'Handset on order', 'staff@northbridge.example', 'Revoke']) expect(html).toContain(text);
  });

  it.each(['active', 'scheduled', 'all', 'nonsense'])('renders the %s filter and the grant form', async (show) => {
    const html = await render(ExceptionsPage(search({ show })));
    expect(html).toContain('Grant an exception');
    expect(html).toMatch(/aria-current="page"[^>]*>(In force|Scheduled|All)</);
  });
});
