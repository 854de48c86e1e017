import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/http/security-headers';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('the Content-Security-Policy', () => {
  const policy = directives(contentSecurityPolicy({ nonce: 'abc123==', https: false, development: false }));

  it('lets scripts run only with the request nonce and what they load, never inline or eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
  });

  it('forbids framing, plugins, foreign base URLs and posting forms elsewhere', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it("allows eval only under next dev, where React's debugging needs it", () => {
    expect(contentSecurityPolicy({ nonce: 'n', https: false, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: 'n', https: true, development: false })).not.toContain('unsafe-eval');
  });
});

describe('HSTS', () => {
  it('is sent, with upgrade-insecure-requests, when the public URL is https', () => {
    const headers = securityHeaders({ nonce: 'n', https: true, development: false });
    expect(headers['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(headers['Content-Security-Policy']).toContain('upgrade-insecure-requests');
  });

  it('is not sent over plain http, where it would pin a site that cannot keep it', () => {
    const headers = securityHeaders({ nonce: 'n', https: false, development: false });
    expect(headers).not.toHaveProperty('Strict-Transport-Security');
    expect(headers['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
  });
});

describe('nonces', () => {
  it('are 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
