// The server compiled to plain JavaScript (dist/server), so `npm start` runs without a TypeScript
// loader: src/server/main.ts and src/server/cli.ts bundled with esbuild, packages left in
// node_modules and loaded by Node as usual (the SDKs only when first used: decision 016).
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/server/main.ts', cli: 'src/server/cli.ts' },
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
