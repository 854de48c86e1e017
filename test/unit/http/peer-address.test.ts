import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerAddressHeader, peerAddressOf, stampPeerAddresses } from '@/lib/http/peer-address';

// A real HTTP server in this process, answering with the peer address its request carries, as a route handler reads it.
let server: http.Server;
let base: string;
beforeAll(async () => {
  stampPeerAddresses();
  server = http.createServer((request, response) => response.end(JSON.stringify({ peer: peerAddressOf(request.headers) })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const peerSeen = async (headers: Record<string, string> = {}) => ((await (await fetch(base, { headers })).json()) as { peer: string | null }).peer;

describe('stampPeerAddresses', () => {
  it('gives every request the address of its TCP peer', async () => {
    expect(await peerSeen()).toBe('127.0.0.1');
  });

  it('is not fooled by a client that forwards for someone else, or sends the stamp header itself', async () => {
    expect(await peerSeen({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7' })).toBe('127.0.0.1');
    expect(await peerSeen({ [peerAddressHeader()!]: '203.0.113.7' })).toBe('127.0.0.1');
  });

  it('writes a header whose name no client can know in advance', () => {
    const name = peerAddressHeader();
    expect(name).toMatch(/^x-onchannel-peer-[0-9a-f]{24}$/);
    stampPeerAddresses(); // a second call (another bundle's copy of the module) keeps the first
    expect(peerAddressHeader()).toBe(name);
  });

  it('reads a Headers object as well as a plain one, and nothing when the header is absent', () => {
    const name = peerAddressHeader()!;
    expect(peerAddressOf(new Headers({ [name]: '192.0.2.1' }))).toBe('192.0.2.1');
    expect(peerAddressOf({ 'x-onchannel-peer': '192.0.2.1' })).toBeNull();
    expect(peerAddressOf(undefined)).toBeNull();
  });
});
