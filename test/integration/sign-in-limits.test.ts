import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed/seed';
import { ADDRESS_FREE_FAILURES } from '@/lib/auth/sign-in-throttle';
import { peerAddressHeader, stampPeerAddresses } from '@/lib/http/peer-address';

// The credentials provider's authorize as next-auth calls it, on a seeded database: the sign-in limits hold
// against a client that rotates X-Forwarded-For, and against one that signs in to its own account between guesses.
vi.mock('@/db', async () => {
  const { createSeededDatabase } = await import('../helpers/database');
  return { db: createSeededDatabase() };
});

const { db } = await import('@/db');
const staff = (db.$client.prepare("SELECT email FROM users WHERE active = 1 AND role = 'staff' ORDER BY id LIMIT 8").all() as { email: string }[]).map((u) => u.email);
const OFFICER = 'officer@northbridge.example';

/** authorize with limits of its own (a fresh module: nothing counted yet). */
async function freshAuthorize() {
  vi.resetModules();
  return (await import('@/lib/auth/options')).authorizePassword;
}

/** The request as next-auth hands it over: headers, with the socket's address as the server stamps it. */
function request(peer: string, forwardedFor?: string) {
  stampPeerAddresses();
  return { headers: { [peerAddressHeader()!]: peer, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) } };
}

/**
 * Wrong passwords, one after another, spread over eight staff accounts (never enough for an account's own limit),
 * each from `origin(i)`: all refused as wrong, none yet as too many.
 */
async function guess(authorize: Awaited<ReturnType<typeof freshAuthorize>>, count: number, origin: (i: number) => ReturnType<typeof request>) {
  for (let i = 0; i < count; i += 1) {
    await expect(authorize({ email: staff[i % staff.length]!, password: 'not-the-password' }, origin(i))).resolves.toBeNull();
  }
}

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
});

describe('sign-in limits per client address', () => {
  it('hold a directly connected client that rotates X-Forwarded-For (the header is ignored)', async () => {
    const authorize = await freshAuthorize();
    await guess(authorize, ADDRESS_FREE_FAILURES + 1, (i) => request('203.0.113.7', `10.0.${i}.1`));
    await expect(authorize({ email: OFFICER, password: DEMO_PASSWORD }, request('203.0.113.7', '10.99.0.1'))).rejects.toThrow('TooManyAttempts');
    await expect(authorize({ email: OFFICER, password: DEMO_PASSWORD }, request('198.51.100.1'))).resolves.toMatchObject({ email: OFFICER });
  });

  it('hold a client behind the trusted proxy that rotates the entries in front of the proxy’s (TRUSTED_PROXY_HOPS=1)', async () => {
    process.env.TRUSTED_PROXY_HOPS = '1';
    const authorize = await freshAuthorize();
    await guess(authorize, ADDRESS_FREE_FAILURES + 1, (i) => request('192.0.2.1', `10.0.${i}.1, 203.0.113.8`));
    await expect(authorize({ email: OFFICER, password: DEMO_PASSWORD }, request('192.0.2.1', '10.99.0.1, 203.0.113.8'))).rejects.toThrow('TooManyAttempts');
    // Another client through the same proxy is not held up.
    await expect(authorize({ email: OFFICER, password: DEMO_PASSWORD }, request('192.0.2.1', '198.51.100.2'))).resolves.toMatchObject({ email: OFFICER });
  });

  it('are not reset for guesses at other accounts when the client signs in to an account of its own', async () => {
    const authorize = await freshAuthorize();
    const attacker = request('203.0.113.9');
    await guess(authorize, ADDRESS_FREE_FAILURES, () => attacker);
    await expect(authorize({ email: OFFICER, password: DEMO_PASSWORD }, attacker)).resolves.toMatchObject({ email: OFFICER });
    await guess(authorize, 1, () => attacker);
    await expect(authorize({ email: staff[0]!, password: DEMO_PASSWORD }, attacker)).rejects.toThrow('TooManyAttempts');
  });
});
