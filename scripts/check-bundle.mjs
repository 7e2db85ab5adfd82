// The first load's JavaScript (the entry script and what it preloads) must stay within 170 KB
// gzipped (quality.md). Lazily loaded chunks (the chart, Plaid Link) are not part of it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

export const LIMIT_KB = 170;

export function firstLoadJs(root = 'dist/web') {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const sizes = files.map((file) => ({ file, gzipKb: zlib.gzipSync(fs.readFileSync(path.join(root, file))).length / 1024 }));
  return { files: sizes, totalKb: sizes.reduce((sum, s) => sum + s.gzipKb, 0) };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const { files, totalKb } = firstLoadJs(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web'));
  for (const s of files) console.log(`  ${s.file}: ${s.gzipKb.toFixed(1)} KB gzipped`);
  console.log(`First-load JavaScript: ${totalKb.toFixed(1)} KB gzipped (limit ${LIMIT_KB} KB)`);
  if (files.length === 0 || totalKb > LIMIT_KB) {
    console.error(files.length === 0 ? 'No entry script found in dist/web/index.html.' : `Over the ${LIMIT_KB} KB budget.`);
    process.exit(1);
  }
}
