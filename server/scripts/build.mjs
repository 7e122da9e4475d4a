import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * Compiles the server to plain JavaScript (dist/), so production runs without
 * a TypeScript loader: less memory, faster start. npm packages stay external;
 * the workspace's own @ft/shared (TypeScript) is bundled in.
 */
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@ft/'));

await build({
  entryPoints: ['src/main.ts', 'src/notifications/worker-main.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
  banner: { js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);" },
});
