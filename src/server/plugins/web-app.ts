import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { notFound } from '../../domain/errors.js';

/**
 * Serves the built web app (dist/web) and answers unknown non-API paths with its index.html,
 * so deep links work. Hashed assets are cached for good; index.html never. Compressed copies made
 * at build time are sent where the browser accepts them.
 */
export default fp<{ root: string }>(
  async (app, { root }) => {
    const hasBuild = fs.existsSync(path.join(root, 'index.html'));
    if (hasBuild) {
      await app.register(fastifyStatic, {
        root,
        index: false,
        wildcard: false,
        // The build writes .br and .gz copies (vite.config.ts): sent to browsers that take them.
        preCompressed: true,
        setHeaders: (res, file) => {
          res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    }
    app.setNotFoundHandler(async (request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasBuild) throw notFound('That page');
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    });
  },
  { name: 'web-app' },
);
