import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { handleErrors } from '@/lib/http/route';
import { routeHandlers } from '../helpers/app-surface';

/**
 * Cross-site request forgery on route handlers: every handler is wrapped by handleErrors, which refuses a
 * state-changing request a browser sent from another site with the session cookie. (Server actions are refused
 * by Next's own Origin check: test/e2e/security.test.ts.)
 */

const url = 'http://onchannel.example/api/thing';
const request = (method: string, headers: Record<string, string>) => new Request(url, { method, headers: { host: 'onchannel.example', ...headers } });

describe('handleErrors refuses cross-site state changes that carry the session cookie', () => {
  const cookie = 'next-auth.session-token=abc';

  it.each([
    ['another site by Sec-Fetch-Site', 'POST', { cookie, 'sec-fetch-site': 'cross-site' }],
    ['a sibling subdomain by Sec-Fetch-Site', 'DELETE', { cookie, 'sec-fetch-site': 'same-site' }],
    ['another origin by Origin', 'POST', { cookie, origin: 'https://evil.example' }],
    ['another port by Origin', 'PUT', { cookie, origin: 'http://onchannel.example:8080' }],
    ['an opaque origin ("null")', 'PATCH', { cookie, origin: 'null' }],
  ])('refuses %s (403) without running the handler', async (_name, method, headers) => {
    const work = vi.fn(async (_request: Request) => Response.json({ ran: true }));
    const response = await handleErrors(work)(request(method, headers));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: expect.stringContaining('Cross-site') });
    expect(work).not.toHaveBeenCalled();
  });

  it.each([
    ['same origin by Sec-Fetch-Site', 'POST', { cookie, 'sec-fetch-site': 'same-origin' }],
    ['same origin by Origin', 'POST', { cookie, origin: 'http://onchannel.example' }],
    ['the host a proxy forwarded', 'POST', { cookie, origin: 'https://public.example', 'x-forwarded-host': 'public.example' }],
    ['a bearer-token client with cookies', 'POST', { cookie, authorization: 'Bearer onc_x', origin: 'https://sync.example' }],
    ['no cookie at all (nothing to ride on)', 'POST', { origin: 'https://evil.example' }],
    ['a cross-site GET (reads change nothing)', 'GET', { cookie, 'sec-fetch-site': 'cross-site' }],
    ['a non-browser client sending neither header', 'POST', { cookie }],
  ])('lets through %s', async (_name, method, headers) => {
    const response = await handleErrors(async (_request: Request) => Response.json({ ran: true }))(request(method, headers));
    expect(response.status).toBe(200);
  });
});

describe('every route handler', () => {
  it('that changes state is wrapped by handleErrors (next-auth checks its own CSRF token)', () => {
    const files = routeHandlers().map((route) => route.file);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      if (file.includes('[...nextauth]')) continue;
      const source = fs.readFileSync(file, 'utf8');
      for (const [, method] of source.matchAll(/export\s+(?:const|async function|function)\s+(POST|PUT|PATCH|DELETE)\b/g)) {
        expect(source, `${file} ${method}`).toMatch(new RegExp(`export const ${method} = handleErrors\\(`));
      }
      expect(source, file).not.toMatch(/export\s*\{[^}]*\b(POST|PUT|PATCH|DELETE)\b/);
    }
  });
});
