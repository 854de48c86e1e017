import crypto from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/*
 * The address a request's TCP connection came from. Route handlers (next-auth's authorize among them) see only
 * headers, and Next fills X-Forwarded-For with the socket's address only when the client sent none — so a client
 * that sends its own is believed. Node announces every request to its HTTP servers on a diagnostics channel before
 * any handler runs; the subscriber below writes the socket's address into a header whose name holds a random token
 * made at start-up, which no client can know to forge, and which a request that began before the subscription
 * simply lacks.
 */

interface Stamp {
  header: string;
}

// On globalThis: instrumentation.ts and the route handlers are separate bundles, each with its own copy of this module.
const STAMP = Symbol.for('onchannel.peer-address-stamp');
const holder = globalThis as { [STAMP]?: Stamp };

/** Starts writing each request's peer address into its headers, in this process (once; later calls do nothing). */
export function stampPeerAddresses(): void {
  if (holder[STAMP]) return;
  const stamp: Stamp = { header: `x-onchannel-peer-${crypto.randomBytes(12).toString('hex')}` };
  diagnosticsChannel.subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[stamp.header] = socket.remoteAddress;
  });
  holder[STAMP] = stamp;
}

/** The name of the header the peer address is written to, or null when this process does not write it. */
export function peerAddressHeader(): string | null {
  return holder[STAMP]?.header ?? null;
}

/** Request headers as route handlers get them: a Headers, or next-auth's plain object of lower-case names. */
export type RequestHeaders = Headers | Readonly<Record<string, unknown>> | undefined;

/** Header `name` (lower-case) of `headers` as text; null when absent, empty or not text. */
export function headerText(headers: RequestHeaders, name: string): string | null {
  const value = headers instanceof Headers ? headers.get(name) : headers?.[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The peer address written into `headers`, or null if unknown. */
export function peerAddressOf(headers: RequestHeaders): string | null {
  const name = peerAddressHeader();
  return name ? headerText(headers, name) : null;
}
