/**
 * Slows down repeated failed sign-ins for one key (an e-mail address or a client address): the first
 * FREE_FAILURES failures cost nothing, then each further failure locks the key for twice as long as
 * the last, up to MAX_LOCK_MS. A success clears the key; failures older than FAILURE_WINDOW_MS are forgotten.
 */
export const FREE_FAILURES = 4;
export const FIRST_LOCK_MS = 15_000;
export const MAX_LOCK_MS = 15 * 60_000;
export const FAILURE_WINDOW_MS = 30 * 60_000;

interface KeyState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** Lock length after `failures` consecutive failures (0 while still free). */
export function lockDurationMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES - 1));
}

export class SignInThrottle {
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const state = this.current(key);
    return state ? Math.max(0, state.lockedUntil - this.now()) : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    const failures = (this.current(key)?.failures ?? 0) + 1;
    this.keys.set(key, { failures, lastFailureAt: now, lockedUntil: now + lockDurationMs(failures) });
    if (this.keys.size > 10_000) this.prune();
  }

  recordSuccess(key: string): void {
    this.keys.delete(key);
  }

  private current(key: string): KeyState | undefined {
    const state = this.keys.get(key);
    if (state && this.now() - state.lastFailureAt > FAILURE_WINDOW_MS && this.now() >= state.lockedUntil) {
      this.keys.delete(key);
      return undefined;
    }
    return state;
  }

  private prune(): void {
    for (const key of [...this.keys.keys()]) this.current(key);
  }
}
