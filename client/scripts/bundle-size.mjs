// Prints the gzipped size of the JS the browser loads before any lazy route:
// the entry script of dist/index.html plus its static imports (modulepreload).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT_KB = 250;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = new Set();
for (const m of html.matchAll(
  /<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g,
)) {
  files.add(m[1]);
}
for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+\.js)"[^>]*rel="modulepreload"/g)) files.add(m[1]);
if (files.size === 0) {
  console.error('bundle-size: no script found in dist/index.html');
  process.exit(1);
}
let total = 0;
for (const file of files) {
  const bytes = gzipSync(readFileSync(join(dist, file.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`  ${file}  ${(bytes / 1024).toFixed(1)} KB gz`);
}
const kb = total / 1024;
console.log(`initial JS: ${kb.toFixed(1)} KB gzipped (limit ${LIMIT_KB} KB)`);
if (kb > LIMIT_KB) {
  console.error(`bundle-size: initial JS is over ${LIMIT_KB} KB gzipped`);
  process.exit(1);
}
