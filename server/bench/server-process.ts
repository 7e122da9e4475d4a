import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '../src/config.js';

/** The server as production runs it: its own process, so its memory is measured alone. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Forget the peak so far (Linux: clear_refs 5 resets VmHWM). */
  resetPeak(): void;
  /** Peak resident memory since the last reset, MB. */
  peakMb(): number;
  stop(): Promise<void>;
  /** SIGTERM; resolves to the exit code. */
  terminate(): Promise<number | null>;
}

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Compiles the server as `pnpm start` does, so measurements are of what production runs. */
export function buildServer(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: serverDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the server failed:\n${build.stderr}`);
}

export async function startServerProcess(
  db: DatabaseConfig,
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  buildServer();
  const port = await freePort();
  // As `pnpm start` runs it (runtime.json), plus e.g. BENCH_SERVER_NODE_ARGS=--cpu-prof to profile the server alone.
  const runtime = JSON.parse(fs.readFileSync(path.join(serverDir, 'runtime.json'), 'utf8')) as {
    nodeArgs: string[];
  };
  const nodeArgs = [
    ...runtime.nodeArgs,
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'dist/main.js'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      SEED_DEMO: 'false',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      NODE_ENV: 'production',
      DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('server did not start in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const status = () => fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return {
    url,
    pid: child.pid!,
    resetPeak: () => fs.writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    peakMb: () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(status())?.[1] ?? 0) / 1024),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    terminate: () =>
      new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
