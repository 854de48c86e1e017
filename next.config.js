const https = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');

/**
 * As strict as Next.js allows without per-request nonces: its hydration needs inline scripts and styles.
 * Nothing may be framed, loaded or posted from elsewhere.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  ...(https ? ['upgrade-insecure-requests'] : []),
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // HSTS only means something over HTTPS; sent when the public URL is https.
  ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pdfkit reads its font metrics from disk beside its own files: it must stay a plain Node package, not bundled.
  serverExternalPackages: ['better-sqlite3', 'pdfkit'],
  // NEXT_DIST_DIR lets parallel worktrees build and serve without sharing one .next folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Device imports upload CSV files through a server action; IMPORT_MAX_BYTES (default 20 MB) is checked
  // there with a clear message, so the transport limit sits just above it.
  experimental: {
    serverActions: { bodySizeLimit: `${Math.ceil(Number(process.env.IMPORT_MAX_BYTES || 20 * 1024 * 1024) / (1024 * 1024)) + 1}mb` },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;
