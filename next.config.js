/**
 * The headers that never vary. The Content-Security-Policy (with a nonce per request) and HSTS (when the public
 * URL is https, decided when the server starts rather than at build) are set by proxy.ts.
 */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const transportLimitBytes = Number(process.env.IMPORT_MAX_BYTES || 20 * 1024 * 1024) + 1024 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pdfkit reads its font metrics from disk beside its own files: it must stay a plain Node package, not bundled.
  serverExternalPackages: ['better-sqlite3', 'pdfkit'],
  // NEXT_DIST_DIR lets parallel worktrees build and serve without sharing one .next folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Device imports upload CSV files through a server action; IMPORT_MAX_BYTES (default 20 MB) is checked
  // there with a clear message, so the transport limits sit just above it. proxy.ts sees every request too,
  // and past its own limit (10 MB unless set) Next cuts the body short: the action then fails on a torn form.
  experimental: {
    serverActions: { bodySizeLimit: transportLimitBytes },
    proxyClientMaxBodySize: transportLimitBytes,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;
