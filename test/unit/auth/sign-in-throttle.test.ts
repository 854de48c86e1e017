import { describe, expect, it } from 'vitest';
import { FAILURE_WINDOW_MS, FIRST_LOCK_MS, FREE_FAILURES, MAX_LOCK_MS, SignInThrottle, lockDurationMs } from '@/lib/auth/sign-in-throttle';

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
});

describe('SignInThrottle', () => {
  function clock() {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  it('lets the first failures through, then locks the key', () => {
    const time = clock();
    const throttle = new SignInThrottle(time.now);
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
    const throttle = new SignInThrottle(time.now);
    for (let i = 0; i < FREE_FAILURES + 2; i += 1) throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(FIRST_LOCK_MS * 2);
  });

  it('forgets a key after a success', () => {
    const throttle = new SignInThrottle(clock().now);
    for (let i = 0; i < FREE_FAILURES + 1; i += 1) throttle.recordFailure('k');
    throttle.recordSuccess('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
  });

  it('forgets old failures once the window has passed', () => {
    const time = clock();
    const throttle = new SignInThrottle(time.now);
    for (let i = 0; i < FREE_FAILURES; i += 1) throttle.recordFailure('k');
    time.advance(FAILURE_WINDOW_MS + 1);
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
  });
});
