/**
 * The password policy for accounts an administrator creates or resets. Pure: no framework or database
 * imports, so the server action and the unit tests apply the same rules.
 */

/** Shortest password accepted, in characters. Length beats composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted, in UTF-8 bytes: bcrypt reads only the first 72, so more would be a false promise. */
export const PASSWORD_MAX_BYTES = 72;

/**
 * Passwords of twelve characters or more that still top breach lists, lower-case. Small on purpose:
 * the point is to refuse the obvious, not to ship a dictionary.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789abc',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'aaaaaaaaaaaa',
  'abcdefghijkl',
  'abc123456789',
  'administrator',
  'changeme1234',
  'football1234',
  'iloveyou1234',
  'letmein12345',
  'monkey123456',
  'passw0rd1234',
  'password1234',
  'password12345',
  'password123!',
  'password!234',
  'qwerty123456',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopasdf',
  'welcome12345',
  'welcome1234!',
  'onchannel123',
  'onchannel1234',
  'onchannel-demo',
  'correcthorsebatterystaple',
]);

/**
 * Why `password` is refused for the account `email`, or null when it is acceptable: shorter than
 * PASSWORD_MIN_LENGTH characters or longer than PASSWORD_MAX_BYTES bytes, the e-mail address or its local part
 * (case ignored), a single repeated character, or a common password.
 */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) return `Use at most ${PASSWORD_MAX_BYTES} characters (fewer with accented letters).`;
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  if (lower === address || lower === localPart || (localPart.length >= 4 && lower.includes(localPart))) {
    return 'The password must not be or contain the e-mail address.';
  }
  if (new Set(lower).size === 1) return 'The password must not be one character repeated.';
  if (COMMON_PASSWORDS.has(lower)) return 'That password is too common: choose another.';
  return null;
}
