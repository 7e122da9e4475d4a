import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * `pnpm start` / `pnpm worker`: compile, then run the server (or the outbox
 * worker) with the node flags of runtime.json. Signals go to the child, so
 * SIGTERM still means a graceful stop.
 */
const root = new URL('..', import.meta.url);
const entry = process.argv[2] === 'worker' ? 'dist/notifications/worker-main.js' : 'dist/main.js';
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const { nodeArgs } = JSON.parse(readFileSync(new URL('runtime.json', root), 'utf8'));
const child = spawn(process.execPath, [...nodeArgs, entry], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
