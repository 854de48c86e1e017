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
  "' UNION SELECT email, password_hash FROM users --",
  '" OR 1=1 --',
  "' OR '1'='1",
  '1; DELETE FROM attestations',
  '=HYPERLINK("http://evil.example","x")',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\u202Egpj.exe',
  '\u202Bשלום\u202C \u2066abc\u2069 مرحبا',
  '\u200B\u200C\u200D\uFEFF',
  'Z\u0335\u0321\u0322\u0347a\u0308\u0338l\u0338',
  '\uD800',
  '\uDFFFa\uD800',
  '👩🏽‍💻🏳️‍🌈'.repeat(50),
  '\u0000\u0001\u001f\u007f',
  '\r\n\t ',
  '__proto__',
  'constructor',
  'prototype',
  '{"__proto__":{"polluted":true}}',
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  '%00%27%22',
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

/** A posted value of the wrong kind as often as not: a hostile string, or a file where text is expected. */
export const hostileFormValue: fc.Arbitrary<string | File> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.tuple(hostileString, fc.uint8Array({ maxLength: 256 })).map(([name, bytes]) => new File([bytes], name.slice(0, 200))) },
);

/** Field names that try to reach an object's prototype when a form becomes an object. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'answers.__proto__', 'map.__proto__', 'app.__proto__', '__proto__.polluted'];

/**
 * How a valid form is turned hostile, independent of its values (so that it applies to a form made afresh for
 * each run): some values replaced by hostile ones (the form stays the right shape: deep validation and the write
 * are reached), some fields left out, hostile fields added (known names, prototype keys, arbitrary names) before
 * or after the valid ones, so that first-value and last-value readers both see them. Sometimes nothing at all.
 */
export interface FormMutation {
  replace: [number, string | File][];
  drop: number[];
  extra: [string, string | File][];
  extraFirst: boolean;
}

/** Mutations of a form whose fields are named `names` (in order). */
export function formMutation(names: readonly string[]): fc.Arbitrary<FormMutation> {
  const index = fc.nat({ max: Math.max(0, names.length - 1) });
  const known = [...new Set([...names, ...PROTOTYPE_KEYS, '$ACTION_ID_1', 'file'])];
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: hostileString });
  const none: FormMutation = { replace: [], drop: [], extra: [], extraFirst: false };
  const replace = fc.array(fc.tuple(index, hostileFormValue), { minLength: 1, maxLength: 3 });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(none) },
    { weight: 4, arbitrary: replace.map((r) => ({ ...none, replace: r })) },
    { weight: 1, arbitrary: fc.uniqueArray(index, { minLength: 1, maxLength: names.length }).map((drop) => ({ ...none, drop })) },
    {
      weight: 2,
      arbitrary: fc.record({ replace: fc.array(fc.tuple(index, hostileFormValue), { maxLength: 2 }), drop: fc.uniqueArray(index, { maxLength: 2 }), extra: fc.array(fc.tuple(name, hostileFormValue), { minLength: 1, maxLength: 8 }), extraFirst: fc.boolean() }),
    },
  );
}

/** `valid` with `mutation` applied. */
export function mutateForm(valid: readonly (readonly [string, string | File])[], mutation: FormMutation): [string, string | File][] {
  const replaced = new Map(mutation.replace);
  const kept = valid.flatMap(([key, value], i): [string, string | File][] => (mutation.drop.includes(i) ? [] : [[key, replaced.get(i) ?? value]]));
  return mutation.extraFirst ? [...mutation.extra, ...kept] : [...kept, ...mutation.extra];
}

/** A FormData holding `fields` in order (repeated names kept, as checkboxes post them). */
export function formDataOf(fields: readonly (readonly [string, string | Blob])[]): FormData {
  const form = new FormData();
  for (const [key, value] of fields) form.append(key, value);
  return form;
}
