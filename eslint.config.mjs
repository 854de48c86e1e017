import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** Domain folders stay framework-free: no Next.js, React or database imports (STYLE.md). */
const pureDomain = {
  files: ['lib/policy/**', 'lib/scoring/**', 'lib/import/**', 'lib/time/**', 'lib/reports/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['next', 'next/*', 'next-auth', 'next-auth/*'], message: 'Domain code must not import Next.js.' },
          { group: ['react', 'react-dom', 'react/*'], message: 'Domain code must not import React.' },
          { group: ['@/db', '@/db/*', '**/db/*', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], message: 'Domain code takes plain data; db/ loads it.' },
        ],
      },
    ],
  },
};

const config = [
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'data/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**'] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  pureDomain,
];

export default config;
