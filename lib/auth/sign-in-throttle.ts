import { limitedNetwork } from './client-address';

/**
 * Slows down repeated failed sign-ins for one key (an e-mail address or a client address): the first
 * `freeFailures` failures cost nothing, then each further failure locks the key for twice as long as
 * the last, up to MAX_LOCK_MS. Failures older than FAILURE_WINDOW_MS are forgotten.
 */
export const FREE_FAILURES = 4;
/**
 * Failures a client address has free: more than an account's, because one address is often a whole office
 * behind its NAT, and a colleague's success no longer clears it (see SignInLimits).
 */
export const ADDRESS_FREE_FAILURES = 20;
export const FIRST_LOCK_MS = 15_000;
export const MAX_LOCK_MS = 15 * 60_000;
export const FAILURE_WINDOW_MS = 30 * 60_000;

interface KeyState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** Lock length after `failures` consecutive failures (0 while still free, i.e. up to `freeFailures`). */
export function lockDurationMs(failures: number, freeFailures = FREE_FAILURES): number {
  if (failures <= freeFailures) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - freeFailures - 1));
}

/** Failures counted per key, in memory (one server process). */
export class SignInThrottle {
  private readonly keys = new Map<string, KeyState>();
  private readonly now: () => number;
  private readonly freeFailures: number;

  constructor({ now = Date.now, freeFailures = FREE_FAILURES }: { now?: () => number; freeFailures?: number } = {}) {
    this.now = now;
    this.freeFailures = freeFailures;
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const state = this.current(key);
    return state ? Math.max(0, state.lockedUntil - this.now()) : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    const failures = (this.current(key)?.failures ?? 0) + 1;
    this.keys.set(key, { failures, lastFailureAt: now, lockedUntil: now + lockDurationMs(failures, this.freeFailures) });
    if (this.keys.size > 10_000) this.prune();
  }

  /** Forgets `key`'s failures. */
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

const addressKey = (address: string | null) => (address === null ? 'unknown' : limitedNetwork(address));

/** One password sign-in: the e-mail tried, and the client address it came from (null: unknown). */
export interface SignInAttempt {
  email: string;
  address: string | null;
}

/**
 * The two limits a password sign-in must pass: per account (guessing one person's password) and per client
 * address (trying passwords across many accounts; an IPv6 client by its /64, see limitedNetwork). Clients whose
 * address is unknown share one address key.
 */
export class SignInLimits {
  private readonly accounts: SignInThrottle;
  private readonly addresses: SignInThrottle;

  constructor({ now = Date.now }: { now?: () => number } = {}) {
    this.accounts = new SignInThrottle({ now, freeFailures: FREE_FAILURES });
    this.addresses = new SignInThrottle({ now, freeFailures: ADDRESS_FREE_FAILURES });
  }

  /** Milliseconds until `attempt` may be made (the longer of its account's and its address's locks); 0: now. */
  retryAfterMs({ email, address }: SignInAttempt): number {
    return Math.max(this.accounts.retryAfterMs(email), this.addresses.retryAfterMs(addressKey(address)));
  }

  /** A wrong password or unknown e-mail: counts against both the account and the address. */
  recordFailure({ email, address }: SignInAttempt): void {
    this.accounts.recordFailure(email);
    this.addresses.recordFailure(addressKey(address));
  }

  /**
   * A correct password: the account's failures are forgotten, the address's are not — otherwise an attacker
   * holding one valid account could sign in to it between guesses at others and never reach the address limit.
   */
  recordSuccess({ email }: Pick<SignInAttempt, 'email'>): void {
    this.accounts.recordSuccess(email);
  }
}
