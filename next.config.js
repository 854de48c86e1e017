/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // NEXT_DIST_DIR lets parallel worktrees build and serve without sharing one .next folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

module.exports = nextConfig;
