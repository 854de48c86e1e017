import { isIP } from 'node:net';
import { trustedProxyHops } from '@/lib/env';
import { headerText, peerAddressOf, type RequestHeaders } from '@/lib/http/peer-address';

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
export function clientAddressOfRequest(headers: RequestHeaders): string | null {
  return clientAddress({ forwardedFor: headerText(headers, 'x-forwarded-for'), peer: peerAddressOf(headers) }, trustedProxyHops());
}

/** The eight 16-bit groups of an IPv6 address (as `normalised` gives it), a trailing dotted IPv4 part included. */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const text = dotted
    ? `${address.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`
    : address;
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const [left, right] = [parse(head), parse(tail)];
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The network a client address stands for in the sign-in limits: an IPv4 address itself; for IPv6, its /64 —
 * one home or office is given a whole /64 and can take any of its 2^64 addresses, so per address there would
 * be no limit at all. Written `2001:db8:1:2::/64`.
 */
export function limitedNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  const prefix = ipv6Groups(address).slice(0, 4).map((group) => group.toString(16));
  return `${prefix.join(':')}::/64`;
}
