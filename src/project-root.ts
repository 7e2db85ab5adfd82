import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding CashView's package.json: files shipped beside the code (migrations, the built
 * web app, the password list) are found from here, whether this runs from src/ (tests, tsx) or from
 * the compiled bundle in dist/server/.
 */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('CashView could not find its own folder (no package.json above it).');
    dir = parent;
  }
  return dir;
})();
