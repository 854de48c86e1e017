import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, attestationHash, canonicalJson, chainHash, sha256Hex } from '@/lib/audit/hash';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('writes dates as ISO strings', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });
});

describe('chain hashes', () => {
  const content = {
    userId: 1,
    campaignId: 2,
    packId: 'law',
    packVersion: '2026.1',
    answers: { a: true },
    signatureName: 'Sam',
    submittedAt: new Date('2026-11-01T00:00:00Z'),
    supersedesId: null,
  };

  it('is the SHA-256 of the previous hash and the canonical content', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(attestationHash(GENESIS_HASH, content)).toBe(chainHash(GENESIS_HASH, content));
    expect(attestationHash(GENESIS_HASH, content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when the content, a nested answer or the previous hash changes', () => {
    const base = attestationHash(GENESIS_HASH, content);
    expect(attestationHash(GENESIS_HASH, { ...content, answers: { a: false } })).not.toBe(base);
    expect(attestationHash(GENESIS_HASH, { ...content, signatureName: 'Sam ' })).not.toBe(base);
    expect(attestationHash('f'.repeat(64), content)).not.toBe(base);
    expect(attestationHash(GENESIS_HASH, { ...content })).toBe(base);
  });
});
