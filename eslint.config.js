import tseslint from 'typescript-eslint';

// The import direction of the architecture guide: shared <- domain <- services <- server / jobs;
// only services and db touch the database, only services touch integrations, web sees only shared.
const rooms = ['shared', 'domain', 'db', 'integrations', 'services', 'jobs', 'server', 'web'];
const forbidden = {
  shared: ['domain', 'db', 'integrations', 'services', 'jobs', 'server', 'web'],
  domain: ['db', 'integrations', 'services', 'jobs', 'server', 'web'],
  db: ['integrations', 'services', 'jobs', 'server', 'web'],
  integrations: ['db', 'services', 'jobs', 'server', 'web'],
  services: ['jobs', 'server', 'web'],
  jobs: ['server', 'web'],
  server: ['web'],
  web: ['domain', 'db', 'integrations', 'services', 'jobs', 'server'],
};
const nodeOnly = ['node:*', 'fs', 'path', 'crypto', 'pg', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify*', '@fastify/*'];

const direction = rooms.map((room) => ({
  files: [`src/${room}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden[room].map((other) => ({
            group: [`**/${other}/*`, `**/${other}/**`],
            message: `src/${room} may not import from src/${other} (see docs/decisions/001-stack-and-layout.md).`,
          })),
          ...(room === 'shared' || room === 'web'
            ? [{ group: nodeOnly, message: `src/${room} runs in the browser too: no Node or server packages.` }]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/db/migrations/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...direction,
);
