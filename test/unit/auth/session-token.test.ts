import { encode } from 'next-auth/jwt';
import { describe, expect, it, vi } from 'vitest';

vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));
const { userIdFromSessionToken } = await import('@/lib/auth/session-token');

const SECRET = 'unit-test-secret-0000000000000000';

describe('userIdFromSessionToken', () => {
  it('reads the user id of a token next-auth issued, again from memory on the next request', async () => {
    const token = await encode({ token: { sub: '42' }, secret: SECRET, maxAge: 60 });
    expect(await userIdFromSessionToken(token, SECRET)).toBe(42);
    expect(await userIdFromSessionToken(token, SECRET)).toBe(42);
  });

  it.each([
    ['a token sealed with another secret', async () => encode({ token: { sub: '42' }, secret: 'another-secret-000000000000000000', maxAge: 60 })],
    ['a tampered token', async () => `${(await encode({ token: { sub: '42' }, secret: SECRET, maxAge: 60 })).slice(0, -4)}AAAA`],
    ['a token without a user id', async () => encode({ token: {}, secret: SECRET, maxAge: 60 })],
    ['a token whose user id is not a positive integer', async () => encode({ token: { sub: 'admin' }, secret: SECRET, maxAge: 60 })],
    ['an expired token', async () => encode({ token: { sub: '42' }, secret: SECRET, maxAge: -60 })],
    ['garbage', async () => 'not-a-jwt'],
  ])('refuses %s', async (_label, make) => {
    expect(await userIdFromSessionToken(await make(), SECRET)).toBeNull();
  });

  it('stops accepting a remembered token once it expires', async () => {
    const token = await encode({ token: { sub: '7' }, secret: SECRET, maxAge: 60 });
    expect(await userIdFromSessionToken(token, SECRET)).toBe(7);
    expect(await userIdFromSessionToken(token, SECRET, Date.now() + 61_000)).toBeNull();
  });
});
