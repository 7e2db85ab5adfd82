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

// Finer rules inside the rooms (issue 13): route -> service -> repository is the only way to the
// SQL; services never reach for a simulator (it is a stand-in for Plaid, not a library); a web
// feature imports only shared, components, lib and its own folder (pieces several need move down).
const features = ['auth', 'budgets', 'dashboard', 'link', 'notifications', 'profile'];
const inner = [
  {
    files: ['src/server/routes/**/*.{ts,tsx}'],
    patterns: [{ group: ['**/db/*', '**/db/**'], message: 'Routes call services, not repositories or the database (route -> service -> repository).' }],
  },
  {
    files: ['src/services/**/*.{ts,tsx}'],
    patterns: [{ group: ['**/simulator/*', '**/simulator/**'], message: 'Services never import a simulator: it stands in for Plaid or Twilio over HTTP.' }],
  },
  ...features.map((feature) => ({
    files: [`src/web/features/${feature}/**/*.{ts,tsx}`],
    patterns: features
      .filter((other) => other !== feature)
      .map((other) => ({
        group: [`**/features/${other}/**`, `../../${other}/**`, `../${other}/**`],
        message: `The ${feature} feature may import only shared, components, lib and its own folder, not the ${other} feature: move what both need down to src/web/lib or compose them in src/web/app.`,
      })),
  })),
];
// no-restricted-imports takes one configuration per file: a room's rules and its inner rules go together.
const withInner = [...direction];
for (const { files, patterns } of inner) {
  const room = files[0].split('/')[1];
  const roomRules = direction.find((block) => block.files[0].split('/')[1] === room).rules['no-restricted-imports'][1].patterns;
  withInner.push({ files, rules: { 'no-restricted-imports': ['error', { patterns: [...roomRules, ...patterns] }] } });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/db/migrations/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...withInner,
);
