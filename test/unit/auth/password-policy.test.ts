import { describe, expect, it } from 'vitest';
import { passwordProblem, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';

const EMAIL = 'jo.bloggs@northbridge.example';

describe('the password policy', () => {
  it.each([
    ['eleven chars', 'x7#kq-pl2mv', /at least 12/],
    ['the e-mail', EMAIL, /e-mail/],
    ['the e-mail, shouted', EMAIL.toUpperCase(), /e-mail/],
    ['the local part', 'jo.bloggs', /at least 12/],
    ['the local part padded', 'jo.bloggs-2026', /e-mail/],
    ['one character repeated', 'aaaaaaaaaaaaaaa', /repeated/],
    ['a common password', 'Password1234', /too common/],
    ['the demo password', 'onchannel-demo', /too common/],
    ['too many bytes', 'é'.repeat(40), /at most 72/],
  ])('refuses %s', (_name, password, message) => {
    expect(passwordProblem(password, EMAIL)).toMatch(message);
  });

  it.each([
    ['exactly the minimum length', 'x7#kq-pl2mvz'],
    ['a passphrase', 'copper lantern harbour'],
    ['72 ASCII bytes', 'k'.repeat(71) + 'z'],
  ])('accepts %s', (_name, password) => {
    expect(passwordProblem(password, EMAIL)).toBeNull();
  });

  it('has the limits it documents', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_BYTES).toBe(72);
    // A short local part ("jo") is too common a substring to forbid.
    expect(passwordProblem('banjo-orchestra', 'jo@example.com')).toBeNull();
  });
});
