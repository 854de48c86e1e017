import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { SessionUser } from '@/db/queries/users';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/guards', () => ({ getSessionUser: async () => session.user }));

const { ACCESS_DENIED, formFields, runGuardedAction } = await import('@/lib/auth/action-guard');

const officer: SessionUser = { id: 1, email: 'o@x.example', name: 'O', role: 'officer', memberTeamIds: [], managedTeamIds: [] };
const schema = z.strictObject({ tokenId: z.coerce.number().int().positive() });

describe('runGuardedAction', () => {
  beforeEach(() => {
    session.user = officer;
  });

  it.each([
    ['signed out', null],
    ['staff', { ...officer, role: 'staff' as const }],
    ['admin without the capability', { ...officer, role: 'admin' as const }],
  ])('refuses %s without running the work', async (_name, user) => {
    session.user = user;
    const run = vi.fn(() => ({ ok: true as const }));
    expect(await runGuardedAction({ tokenId: 1 }, { capability: 'manage:exceptions', schema, run })).toEqual({ ok: false, error: ACCESS_DENIED });
    expect(run).not.toHaveBeenCalled();
  });

  it('returns field errors for bad input without running the work', async () => {
    const run = vi.fn(() => ({ ok: true as const }));
    const result = await runGuardedAction({ tokenId: 'abc' }, { capability: 'manage:exceptions', schema, run });
    expect(result.ok).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it("reads a form's own fields, ignoring the hidden fields React adds to server-action forms", async () => {
    const form = new FormData();
    form.set('$ACTION_ID_abc123', '');
    form.set('$ACTION_REF_1', '');
    form.set('tokenId', '7');
    expect(formFields(form)).toEqual({ tokenId: '7' });
    const run = vi.fn((_actor: SessionUser, data: { tokenId: number }) => ({ ok: true as const, id: data.tokenId }));
    expect(await runGuardedAction(form, { capability: 'manage:exceptions', schema, run })).toEqual({ ok: true, id: 7 });
  });
});
