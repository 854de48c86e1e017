import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERASED, PERSONAL_KEY_BYTES, SEALING_IV_BYTES, openPersonal, openPersonalValues, sealPersonal, sealedSubject, sealedSubjects } from '@/lib/audit/personal';

const key = randomBytes(PERSONAL_KEY_BYTES);
const iv = () => randomBytes(SEALING_IV_BYTES);

describe('sealed personal values', () => {
  it('open with their person’s key to exactly the text sealed, odd Unicode included, and hide it while sealed', () => {
    for (const text of ['Ana Lúcia O’Brien', 'ana@northbridge.example', '', '👩🏽‍⚖️ 名前 \u202e', 'x'.repeat(5_000)]) {
      const sealed = sealPersonal(42, key, iv(), text);
      expect(sealed.startsWith('sealed:v1:42:')).toBe(true);
      if (text.length > 3) expect(sealed).not.toContain(text);
      expect(sealedSubject(sealed)).toBe(42);
      expect(openPersonal(sealed, key)).toBe(text);
    }
  });

  it('differ every time the same text is sealed (a fresh IV), so equal values cannot be matched across records', () => {
    expect(sealPersonal(1, key, iv(), 'Sam')).not.toBe(sealPersonal(1, key, iv(), 'Sam'));
  });

  it('read as erased once the key is gone', () => {
    expect(openPersonal(sealPersonal(7, key, iv(), 'Sam Thompson'), undefined)).toBe(ERASED);
  });

  it('do not open as another person’s, with another key, or once altered: the text is shown as stored', () => {
    const sealed = sealPersonal(7, key, iv(), 'Sam Thompson');
    const movedToAnotherPerson = sealed.replace('sealed:v1:7:', 'sealed:v1:8:');
    expect(openPersonal(movedToAnotherPerson, key)).toBe(movedToAnotherPerson);
    expect(openPersonal(sealed, randomBytes(PERSONAL_KEY_BYTES))).toBe(sealed);
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(openPersonal(altered, key)).toBe(altered);
  });

  it('leave text that is not sealed as it is, including text that only looks sealed', () => {
    for (const text of ['Sam', 'sealed:v1:', 'sealed:v1:abc:xyz', 'sealed:v1:3:not base64!', 'sealed:v1:3:AAAA']) {
      expect(openPersonal(text, key)).toBe(text);
    }
    expect(sealedSubject('sealed:v1:abc:xyz')).toBeNull();
    expect(sealedSubject(12)).toBeNull();
  });

  it('refuse a key or IV of the wrong length', () => {
    expect(() => sealPersonal(1, randomBytes(16), iv(), 'x')).toThrow(/32 bytes, not 16/);
    expect(() => sealPersonal(1, key, randomBytes(8), 'x')).toThrow(/12 bytes, not 8/);
  });

  it('are found and opened anywhere in a nested summary, each with its own person’s key; other values untouched', () => {
    const otherKey = randomBytes(PERSONAL_KEY_BYTES);
    const at = new Date('2026-11-23T12:00:00Z');
    const summary = {
      before: { name: sealPersonal(1, key, iv(), 'Sam'), role: 'staff' },
      after: { name: sealPersonal(1, key, iv(), 'Samuel'), at },
      changes: [sealPersonal(2, otherKey, iv(), 'joins Equities'), 'plain', 3, null],
    };
    expect(sealedSubjects(summary)).toEqual(new Set([1, 2]));
    const keys = new Map([[1, key]]);
    expect(openPersonalValues(summary, (id) => keys.get(id))).toEqual({
      before: { name: 'Sam', role: 'staff' },
      after: { name: 'Samuel', at },
      changes: [ERASED, 'plain', 3, null],
    });
  });
});
