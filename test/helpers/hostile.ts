import fc from 'fast-check';

/**
 * Hostile input for fuzz tests: markup and script, SQL fragments, spreadsheet formulas, odd Unicode (bidi
 * overrides, zero-width and combining characters, lone surrogates, emoji sequences), control characters,
 * prototype keys and very long strings — mixed with arbitrary strings of any code point.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '1; DELETE FROM attestations',
  '=HYPERLINK("http://evil.example","x")',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\u202Egpj.exe',
  '\u200B\u200C\u200D\uFEFF',
  'Z\u0335\u0321\u0322\u0347a\u0308\u0338l\u0338',
  '\uD800',
  '\uDFFFa\uD800',
  '👩🏽‍💻🏳️‍🌈'.repeat(50),
  '\u0000\u0001\u001f\u007f',
  '\r\n\t ',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e400',
  '0x10',
  '9007199254740993',
  ' ',
  '',
  'A'.repeat(100_001),
];

/** A hostile string: one of the payloads above, an arbitrary string (any code point), or a payload padded long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.nat({ max: 5000 })).map(([s, n]) => s + 'x'.repeat(n)) },
);

/** Any JSON-ish value of any type: wrong types for every field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
);

/** Form fields as a browser (or an attacker) can post them: known names mixed with hostile names, hostile values. */
export function hostileFormFields(knownNames: readonly string[]): fc.Arbitrary<[string, string][]> {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...knownNames) }, { weight: 1, arbitrary: hostileString });
  return fc.array(fc.tuple(name, hostileString), { maxLength: 30 });
}

/** A FormData holding `fields` in order (repeated names kept, as checkboxes post them). */
export function formDataOf(fields: readonly (readonly [string, string | Blob])[]): FormData {
  const form = new FormData();
  for (const [key, value] of fields) form.append(key, value);
  return form;
}
