import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError, forbidden, notFound } from '../domain/errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { COMMANDS } from './commands.js';

/**
 * On the embedded database the running server owns the data directory, so a command line such
 * as `npm run demo:reset` asks it to do the work: a loopback-only call carrying a secret that the
 * server writes, readable by its owner only, into the data directory.
 */
export const controlFile = (dataDir: string) => path.join(dataDir, 'control.json');

export const newControlSecret = () => crypto.randomBytes(32).toString('base64url');

export function writeControlFile(dataDir: string, port: number, secret: string): () => void {
  const file = controlFile(dataDir);
  fs.writeFileSync(file, JSON.stringify({ port, secret, pid: process.pid }), { mode: 0o600 });
  return () => fs.rmSync(file, { force: true });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const body = z.record(z.string(), z.string()).optional();

export const controlRoutes: FastifyPluginAsync<{ secret: string; services: ServiceDeps }> = async (app, { secret, services }) => {
  app.post<{ Params: { name: string }; Body: Record<string, string> | undefined }>(
    '/api/internal/commands/:name',
    { config: { public: true, csrf: false }, schema: { hide: true } },
    async (request) => {
      const given = Buffer.from(String(request.headers['x-cashview-control'] ?? ''));
      const expected = Buffer.from(secret);
      if (!LOOPBACK.has(request.socket.remoteAddress ?? '') || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
        throw forbidden('CONTROL_REFUSED', 'Operator commands are taken only from this machine, with the data directory’s secret.');
      }
      const command = COMMANDS[request.params.name];
      if (!command) throw notFound('That command');
      const args = body.safeParse(request.body);
      if (!args.success) throw new AppError(400, 'VALIDATION_FAILED', 'Command arguments must be strings.');
      return command(services, args.data ?? {});
    },
  );
};
