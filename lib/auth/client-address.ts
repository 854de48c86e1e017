import { isIP } from 'node:net';
import { trustedProxyHops } from '@/lib/env';
import { peerAddressOf } from '@/lib/http/peer-address';

/** What a request says about where it came from. */
export interface RequestOrigin {
  /** The X-Forwarded-For header as received, if any: every entry in it may have been written by the client. */
  forwardedFor?: string | null;
  /**
   * The address of the TCP peer, as the server's socket saw it (lib/http/peer-address.ts), or null when unknown.
   * Behind proxies it is the nearest proxy.
   */
  peer?: string | null;
}

/** An address as written in a header or by a socket, without a port, brackets or an IPv4-mapped prefix; null if not an IP. */
function normalised(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, '');
  return isIP(address) ? address.toLowerCase() : null;
}

/**
 * The client's address for a request that passed through `trustedProxyHops` reverse proxies, each of which
 * appends the address it was reached from to X-Forwarded-For: of the chain (X-Forwarded-For entries, then the
 * peer), the entry `trustedProxyHops` places from the right — the right-most one no trusted proxy wrote is
 * taken, so the entries a client puts in front cannot move it. With 0 hops X-Forwarded-For is ignored and the
 * peer is the client. A chain shorter than the hops gives its left-most entry. Returns null when the address
 * is unknown (no peer and nothing trusted) or what stands there is not an IP address.
 */
export function clientAddress({ forwardedFor, peer }: RequestOrigin, trustedProxyHops: number): string | null {
  if (trustedProxyHops === 0) return peer ? normalised(peer) : null;
  const forwarded = (forwardedFor ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  // Unknown, the peer still counts as the first trusted hop: it is the nearest proxy.
  const chain = [...forwarded, peer ?? null];
  const entry = chain[Math.max(0, chain.length - 1 - trustedProxyHops)];
  return entry ? normalised(entry) : null;
}

/** The client's address of a request with these headers (a Headers or next-auth's plain object), under TRUSTED_PROXY_HOPS. */
export function clientAddressOfRequest(headers: Headers | Readonly<Record<string, unknown>> | undefined): string | null {
  const forwardedFor = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  return clientAddress({ forwardedFor: typeof forwardedFor === 'string' ? forwardedFor : null, peer: peerAddressOf(headers) }, trustedProxyHops());
}
