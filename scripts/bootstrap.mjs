#!/usr/bin/env node
// Bootstrap shared by `npm test` and `npm run demo`: make sure the pinned pnpm exists, install with the
// frozen lockfile, and build every package. Needs only Node >= 20 and npm.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function log(msg) {
  process.stderr.write(`[serin] ${msg}\n`);
}

function pnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Returns the argv prefix that runs the pinned pnpm. */
export function ensurePnpm() {
  if (pnpmVersion() === pinned) return ['pnpm'];
  log(`installing pnpm@${pinned} with npm`);
  const r = spawnSync('npm', ['i', '-g', `pnpm@${pinned}`], { stdio: 'inherit' });
  if (r.status === 0 && pnpmVersion() === pinned) return ['pnpm'];
  log(`global install failed; falling back to npx pnpm@${pinned}`);
  return ['npx', '-y', `pnpm@${pinned}`];
}

export function run(argv, opts = {}) {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    log(`failed: ${argv.join(' ')} (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

export function bootstrap() {
  const pnpm = ensurePnpm();
  run([...pnpm, 'install', '--frozen-lockfile']);
  log('building');
  run([...pnpm, '-r', '--workspace-concurrency=2', 'build']);
  return pnpm;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  bootstrap();
}
