import { describe, expect, it } from 'vitest';
import { isCallbackUrl, safeRedirect } from '@/lib/auth/callback-url';

const BASE = 'https://onchannel.example';

describe('isCallbackUrl: what next-auth accepts without calling it a configuration error', () => {
  it.each([
    ['/my', true],
    ['/attest/6?x=1', true],
    ['https://onchannel.example/teams', true],
    ['https://evil.example/', true],
    ['http://localhost:3000/', true],
    ['<svg/onload=alert(1)>', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['\uFFFDa\uFFFD', false],
    ['', false],
    ['my', false],
  ])('%j → %s', (value, accepted) => {
    expect(isCallbackUrl(value, BASE)).toBe(accepted);
  });
});

describe('safeRedirect: where the browser goes, never throwing', () => {
  it.each([
    ['/my', `${BASE}/my`],
    [`${BASE}/teams?x=1`, `${BASE}/teams?x=1`],
    ['https://evil.example/steal', BASE],
    ['https://onchannel.example.evil.example/', BASE],
    ['<svg/onload=alert(1)>', BASE],
    ['\uD800a', BASE],
    ['javascript:alert(1)', BASE],
    ['', BASE],
  ])('%j → %j', (url, expected) => {
    expect(safeRedirect(url, BASE)).toBe(expected);
  });
});
