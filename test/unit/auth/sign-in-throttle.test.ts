import { describe, expect, it } from 'vitest';
import { clientAddress } from '@/lib/auth/client-address';
import {
  ADDRESS_FREE_FAILURES,
  FAILURE_WINDOW_MS,
  FIRST_LOCK_MS,
  FREE_FAILURES,
  MAX_LOCK_MS,
  SignInLimits,
  SignInThrottle,
  lockDurationMs,
} from '@/lib/auth/sign-in-throttle';

describe('lockDurationMs', () => {
  it.each([
    [0, 0],
    [FREE_FAILURES, 0],
    [FREE_FAILURES + 1, FIRST_LOCK_MS],
    [FREE_FAILURES + 2, FIRST_LOCK_MS * 2],
    [FREE_FAILURES + 3, FIRST_LOCK_MS * 4],
    [FREE_FAILURES + 40, MAX_LOCK_MS],
  ])('after %i failures locks for %i ms', (failures, ms) => {
    expect(lockDurationMs(failures)).toBe(ms);
  });

  it.each([
    [ADDRESS_FREE_FAILURES, 0],
    [ADDRESS_FREE_FAILURES + 1, FIRST_LOCK_MS],
    [ADDRESS_FREE_FAILURES + 2, FIRST_LOCK_MS * 2],
  ])('with %i failures where %i are free locks for the same doubling lengths', (failures, ms) => {
    expect(lockDurationMs(failures, ADDRESS_FREE_FAILURES)).toBe(ms);
  });
});

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SignInThrottle', () => {
  it('lets the first failures through, then locks the key', () => {
    const time = clock();
    const throttle = new SignInThrottle({ now: time.now });
    for (let i = 0; i < FREE_FAILURES; i += 1) throttle.recordFailure('email:a@x');
    expect(throttle.retryAfterMs('email:a@x')).toBe(0);
    throttle.recordFailure('email:a@x');
    expect(throttle.retryAfterMs('email:a@x')).toBe(FIRST_LOCK_MS);
    expect(throttle.retryAfterMs('email:b@x')).toBe(0);
    time.advance(FIRST_LOCK_MS);
    expect(throttle.retryAfterMs('email:a@x')).toBe(0);
  });

  it('doubles the lock on each further failure', () => {
    const time = clock();
    const throttle = new SignInThrottle({ now: time.now });
    for (let i = 0; i < FREE_FAILURES + 2; i += 1) throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(FIRST_LOCK_MS * 2);
  });

  it('forgets a key after a success', () => {
    const throttle = new SignInThrottle({ now: clock().now });
    for (let i = 0; i < FREE_FAILURES + 1; i += 1) throttle.recordFailure('k');
    throttle.recordSuccess('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
  });

  it('forgets old failures once the window has passed', () => {
    const time = clock();
    const throttle = new SignInThrottle({ now: time.now });
    for (let i = 0; i < FREE_FAILURES; i += 1) throttle.recordFailure('k');
    time.advance(FAILURE_WINDOW_MS + 1);
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
  });
});

describe('SignInLimits', () => {
  // What authorize does for each attempt: the address from the request, checked against both limits.
  const attempt = (email: string, origin: { forwardedFor?: string; peer?: string }, hops = 0) => ({ email, address: clientAddress(origin, hops) });
  /** Wrong passwords for one new account after another (password spraying), each from `origin(i)`. */
  function spray(limits: SignInLimits, count: number, origin: (i: number) => { forwardedFor?: string; peer?: string }, hops = 0, from = 0) {
    for (let i = from; i < from + count; i += 1) {
      const guess = attempt(`person${i}@x.example`, origin(i), hops);
      expect(limits.retryAfterMs(guess)).toBe(0);
      limits.recordFailure(guess);
    }
  }

  it('locks an account after its free failures, whatever the addresses the guesses come from', () => {
    const limits = new SignInLimits({ now: clock().now });
    for (let i = 0; i <= FREE_FAILURES; i += 1) limits.recordFailure(attempt('a@x.example', { peer: `198.51.100.${i}` }));
    expect(limits.retryAfterMs(attempt('a@x.example', { peer: '203.0.113.1' }))).toBe(FIRST_LOCK_MS);
    expect(limits.retryAfterMs(attempt('b@x.example', { peer: '203.0.113.1' }))).toBe(0);
  });

  it.each([
    ['directly connected, X-Forwarded-For rotated', 0, (i: number) => ({ forwardedFor: `10.0.${i >> 8}.${i & 255}`, peer: '203.0.113.7' })],
    ['behind one proxy, entries in front of the proxy’s rotated', 1, (i: number) => ({ forwardedFor: `10.0.0.${i & 255}, 203.0.113.7`, peer: '192.0.2.1' })],
    ['behind two proxies, the spoofed entries rotated', 2, (i: number) => ({ forwardedFor: `10.9.${i & 255}.1, 203.0.113.7, 192.0.2.2`, peer: '192.0.2.1' })],
  ])('does not let a client %s escape the address limit', (_case, hops, origin) => {
    const limits = new SignInLimits({ now: clock().now });
    spray(limits, ADDRESS_FREE_FAILURES + 1, origin, hops);
    const next = attempt('someone.else@x.example', origin(ADDRESS_FREE_FAILURES + 1), hops);
    expect(next.address).toBe('203.0.113.7');
    expect(limits.retryAfterMs(next)).toBe(FIRST_LOCK_MS);
    // Another client, behind the same proxies, is not held up.
    expect(limits.retryAfterMs(attempt('someone.else@x.example', { peer: '198.51.100.1' }))).toBe(0);
  });

  it('holds an IPv6 client that picks a new address in its /64 for every guess, and no one outside that /64', () => {
    const limits = new SignInLimits({ now: clock().now });
    const rotating = (i: number) => ({ peer: `2001:db8:a:b:${((i * 7919) & 0xffff).toString(16)}:${i.toString(16)}::${(i + 1).toString(16)}` });
    spray(limits, ADDRESS_FREE_FAILURES + 1, rotating);
    expect(limits.retryAfterMs(attempt('someone.else@x.example', { peer: '2001:db8:a:b:ffff:ffff:ffff:fffe' }))).toBe(FIRST_LOCK_MS);
    expect(limits.retryAfterMs(attempt('someone.else@x.example', { peer: '2001:db8:a:c::1' }))).toBe(0);
  });

  it('does not reset the address limit for guesses at other accounts when one account signs in', () => {
    const time = clock();
    const limits = new SignInLimits({ now: time.now });
    const from = { peer: '203.0.113.7' };
    limits.recordFailure(attempt('mine@x.example', from));
    spray(limits, ADDRESS_FREE_FAILURES - 1, () => from);
    // The attacker's own account, signed in between guesses: its own failure is forgotten, the address's are not.
    limits.recordSuccess(attempt('mine@x.example', from));
    spray(limits, 1, () => from, 0, 100);
    expect(limits.retryAfterMs(attempt('victim@x.example', from))).toBe(FIRST_LOCK_MS);
    time.advance(FIRST_LOCK_MS);
    limits.recordFailure(attempt('victim@x.example', from));
    expect(limits.retryAfterMs(attempt('victim2@x.example', from))).toBe(FIRST_LOCK_MS * 2);
  });

  it('forgets an account’s failures after its success', () => {
    const limits = new SignInLimits({ now: clock().now });
    const mine = attempt('mine@x.example', { peer: '203.0.113.7' });
    for (let i = 0; i < FREE_FAILURES; i += 1) limits.recordFailure(mine);
    limits.recordSuccess(mine);
    limits.recordFailure(mine);
    expect(limits.retryAfterMs(mine)).toBe(0);
  });

  it('counts every client of unknown address against one shared address', () => {
    const limits = new SignInLimits({ now: clock().now });
    spray(limits, ADDRESS_FREE_FAILURES + 1, (i) => ({ forwardedFor: `10.0.0.${i}` }));
    expect(limits.retryAfterMs({ email: 'new@x.example', address: null })).toBe(FIRST_LOCK_MS);
  });
});
