import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * Compiles the server to plain JavaScript (dist/), so production runs without
 * a TypeScript loader: less memory, faster start. npm packages stay external;
 * the workspace's own @ft/shared (TypeScript) is bundled in.
 */
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@ft/'));

// A fresh dist/: a chunk or entry left from an earlier build would otherwise linger beside the new one.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/main.ts', 'notifications/worker-main': 'src/notifications/worker-main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);",
  },
});
