import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientAddress, clientAddressOfRequest, limitedNetwork } from '@/lib/auth/client-address';
import { peerAddressHeader, stampPeerAddresses } from '@/lib/http/peer-address';

describe('clientAddress', () => {
  it.each([
    // Directly connected (0 hops): the socket's peer only; X-Forwarded-For is the client's to write.
    ['direct: the peer', 0, { peer: '203.0.113.7' }, '203.0.113.7'],
    ['direct: X-Forwarded-For ignored', 0, { forwardedFor: '10.1.2.3', peer: '203.0.113.7' }, '203.0.113.7'],
    ['direct: no peer known, X-Forwarded-For still ignored', 0, { forwardedFor: '10.1.2.3' }, null],
    ['direct: IPv4-mapped IPv6 peer', 0, { peer: '::ffff:203.0.113.7' }, '203.0.113.7'],
    ['direct: IPv6 peer', 0, { peer: '2001:DB8::1' }, '2001:db8::1'],
    // Behind proxies: the right-most entry no trusted proxy wrote.
    ['1 hop: the entry the proxy appended', 1, { forwardedFor: '203.0.113.7', peer: '192.0.2.1' }, '203.0.113.7'],
    ['1 hop: entries the client sent in front are passed over', 1, { forwardedFor: '10.9.9.9, 8.8.8.8, 203.0.113.7', peer: '192.0.2.1' }, '203.0.113.7'],
    ['1 hop: peer unknown, still the last entry', 1, { forwardedFor: '10.9.9.9, 203.0.113.7' }, '203.0.113.7'],
    ['1 hop: no X-Forwarded-For (Next wrote the peer there)', 1, { forwardedFor: '192.0.2.1', peer: '192.0.2.1' }, '192.0.2.1'],
    ['1 hop: spaces and empty entries', 1, { forwardedFor: ' 10.9.9.9 ,, 203.0.113.7 ', peer: '192.0.2.1' }, '203.0.113.7'],
    ['2 hops', 2, { forwardedFor: '10.9.9.9, 203.0.113.7, 192.0.2.2', peer: '192.0.2.1' }, '203.0.113.7'],
    ['3 hops, shorter chain: its left-most entry', 3, { forwardedFor: '203.0.113.7', peer: '192.0.2.1' }, '203.0.113.7'],
    ['1 hop: an entry with a port', 1, { forwardedFor: '203.0.113.7:51234', peer: '192.0.2.1' }, '203.0.113.7'],
    ['1 hop: a bracketed IPv6 entry with a port', 1, { forwardedFor: '[2001:db8::7]:443', peer: '192.0.2.1' }, '2001:db8::7'],
    ['1 hop: not an address', 1, { forwardedFor: 'unknown', peer: '192.0.2.1' }, null],
    ['1 hop: nothing known', 1, {}, null],
  ])('%s', (_case, hops, origin, expected) => {
    expect(clientAddress(origin, hops)).toBe(expected);
  });
});

describe('clientAddressOfRequest', () => {
  const stamped = (peer: string, forwardedFor?: string) => ({ [peerAddressHeader()!]: peer, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) });
  beforeAll(() => stampPeerAddresses());
  afterEach(() => vi.unstubAllEnvs());

  it('takes the stamped peer, not what the client forwards, from a plain object or a Headers', () => {
    const headers = stamped('192.0.2.1', '203.0.113.7');
    expect(clientAddressOfRequest(headers)).toBe('192.0.2.1');
    expect(clientAddressOfRequest(new Headers(headers))).toBe('192.0.2.1');
    expect(clientAddressOfRequest(undefined)).toBeNull();
  });

  it('reads X-Forwarded-For through the proxies TRUSTED_PROXY_HOPS declares', () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    expect(clientAddressOfRequest(new Headers(stamped('192.0.2.1', '10.9.9.9, 203.0.113.7')))).toBe('203.0.113.7');
  });
});

describe('limitedNetwork', () => {
  it.each([
    ['an IPv4 address is its own network', '203.0.113.7', '203.0.113.7'],
    ['an IPv6 address stands for its /64', '2001:db8:a:b:1:2:3:4', '2001:db8:a:b::/64'],
    ['compressed forms give the same /64', '2001:db8:a:b::9', '2001:db8:a:b::/64'],
    ['leading zeros and compression inside the prefix', '2001:0db8::1', '2001:db8:0:0::/64'],
    ['loopback', '::1', '0:0:0:0::/64'],
    ['a trailing dotted IPv4 part', '64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['a zone id', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s', (_case, address, network) => {
    expect(limitedNetwork(address)).toBe(network);
  });
});
