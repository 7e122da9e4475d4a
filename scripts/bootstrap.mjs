#!/usr/bin/env node
// The README's two lines land here, so a machine with only Node 20 and npm
// needs nothing else: `npm run demo` and `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';
const mode = process.argv[2];

// better-sqlite3 compiles from source when its prebuilt binary can't be
// downloaded; node-gyp under pnpm needs to be told where Node's headers are.
const env = { ...process.env };
if (!env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  if (probe.status === 0 && Number(probe.stdout.trim().split('.')[0]) >= 10) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}
const [pnpmBin, pnpmPre] = pnpmCommand();
const pnpm = (...args) => run(pnpmBin, [...pnpmPre, ...args]);
const must = (status, what) => {
  if (status !== 0) {
    console.error(`\n✗ ${what} failed (exit ${status})`);
    process.exit(status);
  }
};

must(pnpm('install', '--frozen-lockfile'), 'pnpm install');
must(pnpm('--filter', '@ft/client', 'build'), 'building the admin app');
must(pnpm('--filter', '@ft/server', 'build'), 'building the server');

if (mode === 'demo') {
  // Embedded SQLite in ./data, migrated and seeded with demo data on first start.
  process.exit(run(process.execPath, ['scripts/start.mjs'], { cwd: path.join(root, 'server') }));
}

if (mode === 'test') {
  must(run('bash', ['scripts/ensure-services.sh']), 'starting MariaDB, the Galera cluster and Chromium');
  const reports = path.join(root, 'node_modules', '.test-reports');
  fs.rmSync(reports, { recursive: true, force: true });
  fs.mkdirSync(reports, { recursive: true });
  // A vitest run of one package (and project), its results kept as `report`.json for the summary.
  const vitest = (pkg, report, project) => [
    '--filter',
    pkg,
    'exec',
    'vitest',
    'run',
    ...(project ? ['--project', project] : []),
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${reports}/${report}.json`,
  ];
  const steps = [
    ['typecheck', ['-r', 'typecheck']],
    ['format (prettier --check)', ['exec', 'prettier', '--check', '.']],
    ['lint (eslint)', ['exec', 'eslint', '.']],
    ['unused code (knip)', ['exec', 'knip']],
    ['shared', vitest('@ft/shared', 'shared')],
    ['server on SQLite', vitest('@ft/server', 'sqlite', 'sqlite')],
    ['server on MariaDB', vitest('@ft/server', 'mariadb', 'mariadb')],
    ['server on a Galera cluster (multi-writer)', vitest('@ft/server', 'galera', 'galera')],
    ['browser (e2e)', vitest('@ft/e2e', 'e2e')],
  ];
  const failedSteps = [];
  for (const [name, args] of steps) {
    console.log(`\n=== ${name} ===`);
    if (pnpm(...args) !== 0) failedSteps.push(name);
  }
  let passed = 0;
  let failed = 0;
  const lines = [];
  for (const file of fs.readdirSync(reports)) {
    const report = JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    lines.push(
      `  ${file.replace('.json', '').padEnd(8)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
    );
  }
  console.log(`\nTest summary:\n${lines.join('\n')}`);
  if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
  console.log(`tests: ${passed} passed, ${failed + (failedSteps.length && !failed ? 1 : 0)} failed`);
  process.exit(failedSteps.length ? 1 : 0);
}

console.error('usage: node scripts/bootstrap.mjs demo|test');
process.exit(2);
